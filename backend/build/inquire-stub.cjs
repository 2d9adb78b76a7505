// Replaces @protobufjs/inquire in the bundle: its eval'd require() of optional modules cannot work inside a
// single executable (and makes Node print a warning); the backend hands protobufjs `long` explicitly.
module.exports = function inquire() {
  return null;
};

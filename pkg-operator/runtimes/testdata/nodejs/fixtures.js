// Fixtures for the conformance test.
'use strict';
/** A result JSON cannot encode (error_type="serialization"). */
exports.unserializable = async () => ({ big: 10n });

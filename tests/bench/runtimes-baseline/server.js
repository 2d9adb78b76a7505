// Bare Node.js server around demo.healthy: PORT env, POST / only.
'use strict';
const http = require('node:http');
const { healthy } = require('../../../pkg-operator/runtimes/demo/nodejs/demo.js');

http
  .createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const result = await healthy(body.length ? JSON.parse(body.toString()) : null, {});
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result));
    });
  })
  .listen(Number(process.env.PORT), '127.0.0.1');

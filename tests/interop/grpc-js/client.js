// A stock gRPC client (@grpc/grpc-js + @grpc/proto-loader) against the appliance's sync transport, the probe service
// of ha-agent/src/Appliance.HaAgent/Sync/Protos/probe.proto. GrpcJsInteropTests runs it and reads its output: one line
// per scenario, "<scenario> <OK|STATUS_NAME> <details>", then "done".
//
//   node client.js --target 127.0.0.1:PORT --proto probe.proto --mode tls --ca ca.pem --cert node.pem --key node.key --server-name node-a
//   node client.js --target 127.0.0.1:PORT --proto probe.proto --mode psk --psk BASE64KEY
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) {
  args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
}

const definition = protoLoader.loadSync(args.proto, { keepCase: false, longs: String, defaults: true });
const Probe = grpc.loadPackageDefinition(definition).appliance.sync.v1.Probe;
const service = '/appliance.sync.v1.Probe/';

function statusName(code) {
  return Object.keys(grpc.status).find((name) => grpc.status[name] === code) || String(code);
}

function report(scenario, error, details) {
  if (error) {
    console.log(`${scenario} ${statusName(error.code)} ${error.details || ''}`.trimEnd());
  } else {
    console.log(`${scenario} OK ${details}`);
  }
}

// The PSK credential (PskAuthorization in Sync/Security): HMAC-SHA256(key, METHOD|SECONDS|NONCE), base64url.
function pskMetadata(key, method) {
  const metadata = new grpc.Metadata();
  if (key) {
    const ts = Math.floor(Date.now() / 1000);
    const nonce = crypto.randomBytes(16).toString('base64url');
    const mac = crypto.createHmac('sha256', key).update(`${service}${method}|${ts}|${nonce}`).digest('base64url');
    metadata.set('authorization', `Appliance-HMAC-SHA256 ts=${ts},nonce=${nonce},mac=${mac}`);
  }
  return metadata;
}

function makeClient(withCredentials) {
  if (args.mode === 'tls') {
    const ca = fs.readFileSync(args.ca);
    const credentials = withCredentials
      ? grpc.credentials.createSsl(ca, fs.readFileSync(args.key), fs.readFileSync(args.cert))
      : grpc.credentials.createSsl(ca);
    const options = { 'grpc.ssl_target_name_override': args['server-name'], 'grpc.default_authority': args['server-name'] };
    return new Probe(args.target, credentials, options);
  }
  return new Probe(args.target, grpc.credentials.createInsecure());
}

function metadataFor(method, withCredentials) {
  if (args.mode !== 'psk') {
    return new grpc.Metadata();
  }
  return pskMetadata(withCredentials ? Buffer.from(args.psk, 'base64') : null, method);
}

function unary(client, scenario, request, options, withCredentials = true) {
  return new Promise((resolve) => {
    client.echo(request, metadataFor('Echo', withCredentials), options, (error, reply) => {
      report(scenario, error, reply ? `text=${reply.text} peer=${reply.peer}` : '');
      resolve();
    });
  });
}

function count(client, n) {
  return new Promise((resolve) => {
    const values = [];
    const call = client.count({ count: n }, metadataFor('Count', true));
    call.on('data', (reply) => values.push(reply.value));
    call.on('error', (error) => { report('count', error); resolve(); });
    call.on('end', () => { report('count', null, `values=${values.join(',')}`); resolve(); });
  });
}

function sum(client, values) {
  return new Promise((resolve) => {
    const call = client.sum(metadataFor('Sum', true), (error, reply) => {
      report('sum', error, reply ? `sum=${reply.sum} count=${reply.count}` : '');
      resolve();
    });
    for (const value of values) {
      call.write({ value });
    }
    call.end();
  });
}

function chat(client, texts) {
  return new Promise((resolve) => {
    const replies = [];
    const call = client.chat(metadataFor('Chat', true));
    call.on('data', (message) => {
      replies.push(`${message.sequence}:${message.text}`);
      if (replies.length < texts.length) {
        call.write({ text: texts[replies.length] });
      } else {
        call.end();
      }
    });
    call.on('error', (error) => { report('chat', error); resolve(); });
    call.on('end', () => { report('chat', null, `replies=${replies.join(',')}`); resolve(); });
    call.write({ text: texts[0] });
  });
}

async function main() {
  const client = makeClient(true);
  await unary(client, 'unary', { text: 'hello from grpc-js' }, {});
  await count(client, 5);
  await sum(client, [1, 2, 3, 39]);
  await chat(client, ['one', 'two', 'three']);
  await unary(client, 'deadline', { text: 'slow', delayMs: 10000 }, { deadline: Date.now() + 500 });
  await unary(client, 'internal', { fail: 'internal' }, {});
  const stranger = makeClient(false);
  await unary(stranger, 'unauthenticated', { text: 'who am i' }, {}, false);
  stranger.close();
  client.close();
  console.log('done');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

#!/usr/bin/env -S node --max-semi-space-size=1 --v8-pool-size=1 --optimize-for-size
// A small young generation and one V8 background thread (the default four each kept their own
// memory: 103 -> 87 MB RSS with 20 instances), and V8's memory-saving mode (the heap grew between
// monitor passes: 102 -> 93 MB after a round of 20 creates and deletes, DescribeDBInstances no
// slower): `openrds up` runs for days on a laptop. `npm start` and bench/fleet run this file as
// it is, so these flags are the only copy.
// The AWS SDK warns on every run that its 2027 releases will need Node 22; openrds pins a release
// that supports Node 20, so the warning says nothing to openrds's users.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = (warning, ...rest) => {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
  if (type === 'NodeVersionSupportWarning' || String(warning).includes('NodeVersionSupportWarning')) return;
  emitWarning(warning, ...rest);
};
// The compiled CLI lives in dist/; `npm start` and `npm test` build it first.
await import('../dist/src/cli/main.js');

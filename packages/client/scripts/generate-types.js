// The client's wire types from an OpenAPI document, with openapi-typescript:
//   node scripts/generate-types.js openapi.json [out.ts]   (prints them without out.ts)
// The server's `npm run client:generate` passes its current document.
'use strict';
const fs = require('node:fs');
const openapiTS = require('openapi-typescript');

const HEADER = [
  '/**',
  ' * The NeuralOps API as TypeScript types, generated from its OpenAPI document (/docs-json) by',
  ' * openapi-typescript. Do not edit: `npm run client:generate` writes it again.',
  ' */',
  '',
].join('\n');

async function main() {
  const [input, output] = process.argv.slice(2);
  if (!input) throw new Error('usage: generate-types.js openapi.json [out.ts]');
  const document = JSON.parse(fs.readFileSync(input, 'utf8'));
  // defaultNonNullable off: a field with a default is still optional to send
  const ast = await openapiTS.default(document, { alphabetize: true, defaultNonNullable: false });
  const text = HEADER + openapiTS.astToString(ast);
  if (output) fs.writeFileSync(output, text);
  else process.stdout.write(text);
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : String(err)}\n`);
  process.exit(1);
});

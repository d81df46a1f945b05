/**
 * Jest runs test code in a vm context, where `import('http')` fails without
 * --experimental-vm-modules. The OTLP/HTTP exporters load node:http that way, so for their
 * package only, the dynamic import of a built-in module becomes the equivalent require.
 */
module.exports = {
  process(source) {
    return { code: source.replace(/\bimport\((['"])(https?)\1\)/g, "Promise.resolve().then(() => require('$2'))") };
  },
};

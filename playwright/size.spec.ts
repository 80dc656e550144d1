// The size of what a visitor downloads is a property of the build, checked on every test run: a
// change that links much more code into every app fails here, not weeks later in a benchmark.
// (One did: a call of reflect.Type.Method in the cache made the linker keep every method of every
// type, and hello grew from 5.5 MB to 25 MB.)
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './helpers';

const dist = join(__dirname, '..', 'dist');

test('C1 hello downloads at most 1.5 MB of gzip-compressed module, and its host is one small file', () => {
  const gz = statSync(join(dist, 'hello', 'app.wasm.gz')).size;
  const br = statSync(join(dist, 'hello', 'app.wasm.br')).size;
  const raw = statSync(join(dist, 'hello', 'app.wasm')).size;
  console.log(`hello: ${raw} bytes raw, ${gz} gzip, ${br} brotli`);
  expect(gz).toBeLessThanOrEqual(1_500_000);
  expect(br).toBeLessThan(gz);
  expect(statSync(join(dist, 'hello', 'host', 'bundle.js')).size).toBeLessThan(150_000);
});

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const REGISTER = path.join(ROOT, 'scripts', 'ts-register.js');
const DIR = path.join(ROOT, '.tmp', 'ts-register-spec');

function run(file: string) {
  return spawnSync(process.execPath, ['-r', REGISTER, file], { cwd: ROOT, encoding: 'utf8' });
}

describe('scripts/ts-register.js (TypeScript in spawned processes, transpiled once and cached)', () => {
  beforeAll(() => fs.mkdirSync(DIR, { recursive: true }));
  afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

  it('runs TypeScript with decorators and imports, and a changed file runs as changed', () => {
    const file = path.join(DIR, `main-${process.pid}.ts`);
    const write = (greeting: string) =>
      fs.writeFileSync(
        file,
        `import 'reflect-metadata';
         import * as os from 'node:os';
         function tag(): PropertyDecorator { return () => undefined; }
         class Greeter { @tag() name: string = ${JSON.stringify(greeting)}; }
         const type: string = Reflect.getMetadata('design:type', Greeter.prototype, 'name').name;
         console.log(new Greeter().name, type, typeof os.cpus);`,
      );
    write('hello');
    const first = run(file);
    expect(first.stderr).toBe('');
    expect(first.stdout.trim()).toBe('hello String function');
    write('goodbye');
    expect(run(file).stdout.trim()).toBe('goodbye String function');
  });

  it('points stack traces at the TypeScript lines', () => {
    const file = path.join(DIR, `throws-${process.pid}.ts`);
    fs.writeFileSync(file, `const n: number = 1;\n\n\nthrow new Error('boom ' + n);\n`);
    const r = run(file);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`(${file}:4:7)`);
  });
});

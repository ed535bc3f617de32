import { describe, expect, it } from 'vitest';
import { ByteRun } from './byte-run.ts';
import { leakRules } from './leak-rules.ts';

const bytesOf = (text: string) => [...Buffer.from(text, 'utf8')];

describe('a run of bytes', () => {
  it('decodes nothing until the run is long enough, then all of it, the first bytes included', () => {
    const run = new ByteRun();
    const text = 'You are Coach Sam';
    const bytes = bytesOf(text);
    for (const byte of bytes.slice(0, leakRules.hexMinBytes - 1)) run.addByte(byte);
    expect(run.take()).toBe('');
    for (const byte of bytes.slice(leakRules.hexMinBytes - 1)) run.addByte(byte);
    run.endRun();
    expect(run.take()).toBe(`${text}\n`);
  });

  it('drops a run that ends too short, and keeps a character split across two takes whole', () => {
    const run = new ByteRun();
    for (const byte of bytesOf('dead')) run.addByte(byte);
    run.endRun();
    expect(run.take()).toBe('');
    const bytes = bytesOf('Crème brûlée!');
    const cut = bytes.indexOf(0xc3) + 1;
    for (const byte of bytes.slice(0, cut)) run.addByte(byte);
    const first = run.take();
    for (const byte of bytes.slice(cut)) run.addByte(byte);
    run.endRun();
    expect(first + run.take()).toBe('Crème brûlée!\n');
  });
});

import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pino from 'pino';
import { backgroundWork } from '../src/background-sweep';

/** The background work of a service runs while it is up, never twice at once, and stops with it. */
describe('background work', () => {
  async function run(work: Parameters<typeof backgroundWork>[0], enabled = true, forMs = 120) {
    @Module({ providers: backgroundWork(work, enabled) })
    class M {}
    const app = await NestFactory.createApplicationContext(M, { logger: false });
    await app.init();
    await new Promise((r) => setTimeout(r, forMs));
    await app.close();
  }

  it('starts the workers, sweeps periodically, and on shutdown waits for the sweep in progress and stops the workers', async () => {
    const log: string[] = [];
    await run({
      log: pino({ level: 'silent' }),
      everyMs: 20,
      start: () => log.push('start'),
      stop: async () => void log.push('stop'),
      sweep: async () => {
        log.push('sweep');
        await new Promise((r) => setTimeout(r, 5));
        log.push('swept');
      },
    });
    expect(log[0]).toBe('start');
    expect(log.filter((l) => l === 'sweep').length).toBeGreaterThanOrEqual(2);
    expect(log.at(-1)).toBe('stop');
    expect(log.at(-2)).toBe('swept');
  });

  it('never runs a second sweep while one is still going', async () => {
    let running = 0;
    let overlapped = false;
    await run({
      log: pino({ level: 'silent' }),
      everyMs: 5,
      sweep: async () => {
        if (running++) overlapped = true;
        await new Promise((r) => setTimeout(r, 30));
        running--;
      },
    });
    expect(overlapped).toBe(false);
  });

  it('a failing sweep is logged and the next one still runs', async () => {
    let calls = 0;
    await run({ log: pino({ level: 'silent' }), everyMs: 10, sweep: async () => { calls++; throw new Error('database away'); } });
    expect(calls).toBeGreaterThanOrEqual(2);
  });

  it('does nothing when background jobs are off', async () => {
    let calls = 0;
    await run({ log: pino({ level: 'silent' }), everyMs: 5, start: () => calls++, sweep: async () => void calls++ }, false, 40);
    expect(calls).toBe(0);
  });
});

import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CronExpression, ScheduleModule } from '@nestjs/schedule';
import pino from 'pino';
import { eventually } from '../../../test/support/infra';
import { backgroundWork, BackgroundWork } from '../src/background-sweep';

/** The background work of a service runs on its schedule while it is up, never twice at once, and stops with it. */
describe('background work', () => {
  const quiet = pino({ level: 'silent' });

  async function start(work: BackgroundWork, enabled = true) {
    @Module({ imports: [ScheduleModule.forRoot()], providers: backgroundWork(work, enabled) })
    class M {}
    const app = await NestFactory.createApplicationContext(M, { logger: false });
    await app.init();
    return app;
  }

  it('starts the workers, sweeps on its schedule, and on shutdown waits for the sweep in progress and stops the workers', async () => {
    const log: string[] = [];
    let release!: () => void;
    const app = await start({
      log: quiet,
      schedule: CronExpression.EVERY_SECOND,
      start: () => log.push('start'),
      stop: async () => void log.push('stop'),
      sweep: async () => {
        log.push('sweep');
        // The second sweep is still going when the service is told to stop.
        if (log.filter((l) => l === 'sweep').length === 2) await new Promise<void>((r) => (release = r));
        log.push('swept');
      },
    });
    expect(log[0]).toBe('start');
    await eventually(async () => log.filter((l) => l === 'sweep').length === 2, 'two sweeps', 5000);
    const closing = app.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(log.at(-1)).toBe('sweep');
    release();
    await closing;
    expect(log.slice(-2)).toEqual(['swept', 'stop']);
  });

  it('never runs a second sweep while one is still going', async () => {
    let running = 0;
    let overlapped = false;
    let runs = 0;
    const app = await start({
      log: quiet,
      schedule: CronExpression.EVERY_SECOND,
      sweep: async () => {
        runs++;
        if (running++) overlapped = true;
        await new Promise((r) => setTimeout(r, 2200));
        running--;
      },
    });
    await eventually(async () => runs >= 2, 'a second sweep after the long first one', 8000);
    await app.close();
    expect(overlapped).toBe(false);
  });

  it('a failing sweep is logged and the next one still runs', async () => {
    let calls = 0;
    const app = await start({ log: quiet, schedule: CronExpression.EVERY_SECOND, sweep: async () => { calls++; throw new Error('database away'); } });
    await eventually(async () => calls >= 2, 'a sweep after the failed one', 5000);
    await app.close();
  });

  it('two kinds of background work in one module each run their own sweep', async () => {
    const swept: string[] = [];
    @Module({
      imports: [ScheduleModule.forRoot()],
      providers: [
        ...backgroundWork({ log: quiet, schedule: CronExpression.EVERY_SECOND, sweep: async () => void swept.push('minute') }),
        ...backgroundWork({ log: quiet, schedule: CronExpression.EVERY_SECOND, timeZone: 'Asia/Shanghai', sweep: async () => void swept.push('daily') }),
      ],
    })
    class Both {}
    const app = await NestFactory.createApplicationContext(Both, { logger: false });
    await app.init();
    await eventually(async () => swept.includes('minute') && swept.includes('daily'), 'both sweeps', 5000);
    await app.close();
  });

  it('does nothing when background jobs are off', async () => {
    let calls = 0;
    const app = await start({ log: quiet, schedule: CronExpression.EVERY_SECOND, start: () => calls++, sweep: async () => void calls++ }, false);
    await new Promise((r) => setTimeout(r, 1500));
    await app.close();
    expect(calls).toBe(0);
  });
});

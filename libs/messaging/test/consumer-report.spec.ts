import { ConsumerReport } from '../src/transports/consumer-report';

describe('what an event server reports about its consumer', () => {
  it('is crashed, with the reason, from the crash until it runs again', () => {
    const r = new ConsumerReport();
    r.enter('running', ['t']);
    r.enter('crashed', ['t'], 'KafkaJSNonRetriableError: the group coordinator went away');
    expect(r.consumerStatus()).toMatchObject({ state: 'crashed', lastError: 'KafkaJSNonRetriableError: the group coordinator went away', topics: ['t'] });
    r.enter('starting');
    expect(r.consumerStatus().state).toBe('starting');
  });

  it('keeps the last crash after the consumer runs again, so an operator can see that it happened and why', () => {
    const r = new ConsumerReport();
    r.enter('crashed', ['t'], 'broker gone');
    r.enter('running');
    const s = r.consumerStatus();
    expect(s.state).toBe('running');
    expect(s.lastError).toBeUndefined();
    expect(s.lastCrash).toEqual({ at: expect.any(String), reason: 'broker gone' });
    expect(r.counters().crashes).toBe(1);
  });

  it('has no last crash when it never crashed', () => {
    const r = new ConsumerReport();
    r.enter('running', ['t']);
    expect(r.consumerStatus().lastCrash).toBeUndefined();
  });
});

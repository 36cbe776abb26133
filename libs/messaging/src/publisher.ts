import { OutboundMessage } from './outbox';

/** A transport's sending side. `publish` resolves only when every message is durably accepted. */
export interface EventPublisher {
  start(): Promise<void>;
  publish(batch: OutboundMessage[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Loading a model can take minutes: the writer can cancel it, or choose another model, without
 * waiting. A scripted host that never finishes loading stands in for a slow disk.
 */
import { describe, expect, it } from 'vitest';
import type { HostToMain, HostTransport, MainToHost } from '../../../native-models/host/protocol';
import type { ModelStatus } from '@contract/studio-api';
import { ModelManager } from '../../../electron/studio/service/model-manager';
import { TINY_DECODER, TINY_PROJECTOR } from '../../helpers/fixture-paths';

class SlowHost implements HostTransport {
  readonly pid = 4242;
  killed = false;
  private exits: Array<(exit: { code: number | null; signal: string | null }) => void> = [];
  send(_message: MainToHost): void {
    // Never answers: the load is still reading the file.
  }
  onMessage(_listener: (message: HostToMain) => void): void {}
  onExit(listener: (exit: { code: number | null; signal: string | null }) => void): void {
    this.exits.push(listener);
  }
  kill(): void {
    this.killed = true;
    queueMicrotask(() => this.exits.forEach((listener) => listener({ code: null, signal: 'SIGTERM' })));
  }
}

function manager() {
  const hosts: SlowHost[] = [];
  const statuses: ModelStatus[] = [];
  const models = new ModelManager({
    modelsDir: '/nowhere',
    demoPair: { decoder: TINY_DECODER, projector: TINY_PROJECTOR },
    contextSize: 512,
    startModelHost: () => {
      const host = new SlowHost();
      hosts.push(host);
      return host;
    },
    onStatus: (status) => statuses.push(status),
  });
  return { models, hosts, statuses };
}

const until = async (condition: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
};

describe('loading a model', () => {
  it('can be cancelled: the host is stopped and the studio has no model, with no error to show', async () => {
    const { models, hosts } = manager();
    const loading = models.load({ kind: 'demo' });
    await until(() => hosts.length === 1);
    expect(models.state.state).toBe('loading');
    models.cancelLoad();
    await expect(loading).rejects.toMatchObject({ code: 'aborted' });
    expect(hosts[0]?.killed).toBe(true);
    expect(models.state).toMatchObject({ state: 'none', error: null });
    await expect(models.session()).rejects.toMatchObject({ payload: { code: 'no-model' } });
  });

  it('is replaced at once when the writer chooses another model', async () => {
    const { models, hosts, statuses } = manager();
    const first = models.load({ kind: 'demo' });
    await until(() => hosts.length === 1);
    const second = models.load({ kind: 'files', decoder: TINY_DECODER, projector: null });
    await expect(first).rejects.toMatchObject({ code: 'aborted' });
    await until(() => hosts.length === 2);
    expect(hosts[0]?.killed).toBe(true);
    expect(models.state).toMatchObject({ state: 'loading', decoderPath: TINY_DECODER, projectorPath: null });
    expect(statuses.some((status) => status.state === 'failed')).toBe(false);
    models.cancelLoad();
    await expect(second).rejects.toMatchObject({ code: 'aborted' });
  });
});

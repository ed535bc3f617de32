import { emptyPayloadSchema } from '@gptlab/common';
import type { Logger } from '../../logger.ts';
import { ProviderError, type LlmProvider } from '../../llm/provider.ts';
import type { AppSocket } from '../../realtime/socket-server.ts';
import { knownContextWindowOf } from '../condensing/context-windows.ts';
import { requestHandler } from '../../realtime/request-handler.ts';

/** The models offered to a user come from their provider, for their key. */
export function registerModelEvents(socket: AppSocket, provider: LlmProvider, logger: Logger): void {
  const handle = requestHandler(socket, logger);
  handle('models:list', emptyPayloadSchema, async () => {
    try {
      const credentials = { apiKey: socket.data.apiKey, baseUrl: socket.data.baseUrl };
      const listed = await provider.listModels(credentials);
      // Windows go with the list so a conversation too long for one model can point to larger ones.
      const models = listed.map((model) => ({ ...model, contextWindow: knownContextWindowOf(model.id, provider.contextWindow(credentials, model.id)) }));
      return { ok: true, models };
    } catch (err) {
      if (err instanceof ProviderError) return { ok: false, error: err.appError };
      throw err;
    }
  });
}

import { emptyPayloadSchema } from '@gptlab/common';
import type { Logger } from '../../logger.ts';
import { ProviderError, type LlmProvider } from '../../llm/provider.ts';
import type { AppSocket } from '../../realtime/socket-server.ts';
import { requestHandler } from '../../realtime/request-handler.ts';

/** The models offered to a user come from their provider, for their key. */
export function registerModelEvents(socket: AppSocket, provider: LlmProvider, logger: Logger): void {
  const handle = requestHandler(socket, logger);
  handle('models:list', emptyPayloadSchema, async () => {
    try {
      const models = await provider.listModels({ apiKey: socket.data.apiKey, baseUrl: socket.data.baseUrl });
      return { ok: true, models };
    } catch (err) {
      if (err instanceof ProviderError) return { ok: false, error: err.appError };
      throw err;
    }
  });
}

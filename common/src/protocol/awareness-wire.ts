import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** One entry of a y-protocols awareness update, its state still the JSON text it travels as. */
export interface AwarenessWireEntry {
  clientId: number;
  clock: number;
  stateJson: string;
}

/** Yjs client ids are 32-bit; anything larger is not one. */
const maxClientId = 2 ** 32 - 1;

/**
 * Reads an awareness update the way y-protocols writes it (count, then client id, clock and JSON
 * state per entry) without trusting it: null for truncated bytes, trailing bytes, more than
 * `maxEntries` entries or an id out of range. y-protocols' own reader throws on such input, and
 * JSON.parses every state before anyone can look at it.
 */
export function readAwarenessUpdate(update: Uint8Array, maxEntries: number): AwarenessWireEntry[] | null {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > maxEntries) return null;
    const entries: AwarenessWireEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const stateJson = decoding.readVarString(decoder);
      if (clientId > maxClientId || !Number.isSafeInteger(clock)) return null;
      entries.push({ clientId, clock, stateJson });
    }
    return decoding.hasContent(decoder) ? null : entries;
  } catch {
    return null;
  }
}

/** Writes entries as one awareness update, for applyAwarenessUpdate on the other side. */
export function writeAwarenessUpdate(entries: Array<{ clientId: number; clock: number; state: unknown }>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

/** 16-bit 8 kHz mono PCM WAV, like Asterisk's `wav` recordings (~16 KB/s). */
const RATE = 8000;
export const WAV_HEADER_BYTES = 44;

export function wavHeader(dataBytes: number): Buffer {
  const h = Buffer.alloc(WAV_HEADER_BYTES);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(RATE, 24);
  h.writeUInt32LE(RATE * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/** A quiet 425 Hz tone (a "call" you can hear is playing) of the given length. */
export function toneWav(seconds: number): Buffer {
  const samples = Math.max(0, Math.round(seconds * RATE));
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 425 * i) / RATE) * 2000), i * 2);
  return Buffer.concat([wavHeader(data.length), data]);
}

/** What a crashed Asterisk leaves behind: the header, no audio (not a playable file). */
export function headerOnlyWav(): Buffer {
  return wavHeader(0);
}

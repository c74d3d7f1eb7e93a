// Recordings: fetched with the operator key into a Blob, then an <audio> player, a waveform and a download link.
import { getBlob } from './api.js';

/** Samples (-1..1) of a WAV: PCM16 read directly (what Hark writes), anything else through Web Audio. */
async function samplesOf(bytes) {
  const view = new DataView(bytes);
  if (view.byteLength > 12 && view.getUint32(0, false) === 0x52494646 && view.getUint32(8, false) === 0x57415645) {
    let offset = 12, format = 0, channels = 1, bits = 16;
    while (offset + 8 <= view.byteLength) {
      const id = view.getUint32(offset, false), size = view.getUint32(offset + 4, true);
      if (id === 0x666d7420) { format = view.getUint16(offset + 8, true); channels = view.getUint16(offset + 10, true); bits = view.getUint16(offset + 22, true); }
      if (id === 0x64617461 && format === 1 && bits === 16) {
        const count = Math.floor(Math.min(size, view.byteLength - offset - 8) / 2 / channels);
        const out = new Float32Array(count);
        for (let i = 0; i < count; i++) out[i] = view.getInt16(offset + 8 + i * 2 * channels, true) / 32768;
        return out;
      }
      offset += 8 + size + (size & 1);
    }
  }
  const context = new OfflineAudioContext(1, 1, 8000);
  return (await context.decodeAudioData(bytes.slice(0))).getChannelData(0);
}

/** Draws min/max per pixel column. */
export function drawWaveform(canvas, samples) {
  const width = canvas.width = Math.max(300, Math.floor(canvas.clientWidth * devicePixelRatio) || 600);
  const height = canvas.height = Math.floor((canvas.clientHeight || 80) * devicePixelRatio);
  const g = canvas.getContext('2d');
  const style = getComputedStyle(canvas);
  g.clearRect(0, 0, width, height);
  g.fillStyle = style.color || '#0b5cad';
  const per = Math.max(1, samples.length / width);
  for (let x = 0; x < width; x++) {
    let min = 1, max = -1;
    const start = Math.floor(x * per), end = Math.min(samples.length, Math.floor((x + 1) * per));
    for (let i = start; i < end; i++) { const s = samples[i]; if (s < min) min = s; if (s > max) max = s; }
    if (end <= start) { min = 0; max = 0; }
    const top = (1 - max) * height / 2, bottom = (1 - min) * height / 2;
    g.fillRect(x, top, 1, Math.max(1, bottom - top));
  }
}

/**
 * A player for the WAV at <path>: heading, waveform, audio element and download link, appended to <container>.
 * Returns the element; its data-ready attribute is set once the audio is loaded.
 */
export async function player(container, { path, title, fileName, durationSeconds }) {
  const box = document.createElement('article');
  box.className = 'recording';
  const heading = document.createElement('h4');
  heading.textContent = title;
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `Waveform of ${title}` + (durationSeconds ? `, ${durationSeconds.toFixed(1)} seconds` : ''));
  const audio = document.createElement('audio');
  audio.controls = true;
  audio.preload = 'auto';
  audio.setAttribute('aria-label', `Play ${title}`);
  const actions = document.createElement('div');
  actions.className = 'actions';
  const download = document.createElement('a');
  download.textContent = 'Download WAV';
  download.download = fileName;
  download.className = 'download';
  const status = document.createElement('span');
  status.className = 'help';
  status.textContent = 'Loading…';
  actions.append(download, status);
  box.append(heading, canvas, audio, actions);
  container.append(box);
  try {
    const blob = await getBlob(path);
    const url = URL.createObjectURL(new Blob([blob], { type: 'audio/wav' }));
    audio.src = url;
    download.href = url;
    const samples = await samplesOf(await blob.arrayBuffer());
    drawWaveform(canvas, samples);
    status.textContent = `${(blob.size / 1024).toFixed(1)} KB`;
    box.dataset.ready = 'true';
  } catch (error) {
    status.textContent = `Could not load: ${error.message}`;
    status.setAttribute('role', 'alert');
  }
  return box;
}

/** One second of a voice-like sound (150 Hz buzz with harmonics, syllable-modulated) as a WAV data URI, 8 kHz PCM16. */
export function voiceDataUri() {
  const rate = 8000, count = rate;
  const bytes = new DataView(new ArrayBuffer(44 + count * 2));
  const text = (offset, s) => [...s].forEach((c, i) => bytes.setUint8(offset + i, c.charCodeAt(0)));
  text(0, 'RIFF'); bytes.setUint32(4, 36 + count * 2, true); text(8, 'WAVEfmt ');
  bytes.setUint32(16, 16, true); bytes.setUint16(20, 1, true); bytes.setUint16(22, 1, true);
  bytes.setUint32(24, rate, true); bytes.setUint32(28, rate * 2, true); bytes.setUint16(32, 2, true); bytes.setUint16(34, 16, true);
  text(36, 'data'); bytes.setUint32(40, count * 2, true);
  for (let i = 0; i < count; i++) {
    const t = i / rate;
    let buzz = 0;
    for (let k = 1; k <= 8; k++) buzz += Math.sin(2 * Math.PI * 150 * k * t) / k;
    bytes.setInt16(44 + i * 2, Math.round(6000 * buzz * (0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t))), true);
  }
  let binary = '';
  const raw = new Uint8Array(bytes.buffer);
  for (let i = 0; i < raw.length; i += 0x8000) binary += String.fromCharCode(...raw.subarray(i, i + 0x8000));
  return 'data:audio/wav;base64,' + btoa(binary);
}

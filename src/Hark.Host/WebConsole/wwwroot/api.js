// The operator API, with the operator's key in the Authorization header (never in a URL or a cookie).
const KEY = 'hark.operatorKey';
export const ADMIN = '/hark/v1/admin';

export class Unauthorized extends Error {}

export function savedKey() { return sessionStorage.getItem(KEY); }
export function saveKey(key) { sessionStorage.setItem(KEY, key); }
export function forgetKey() { sessionStorage.removeItem(KEY); }

function headers(extra = {}) {
  return { Authorization: `Bearer ${savedKey() ?? ''}`, ...extra };
}

async function request(path, options = {}) {
  const response = await fetch(path.startsWith('/') ? path : `${ADMIN}/${path}`, { ...options, headers: headers(options.headers) });
  if (response.status === 401) throw new Unauthorized('The operator key was refused.');
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try { message = (await response.json()).error?.message ?? message; } catch { /* not JSON */ }
    throw new Error(message);
  }
  return response;
}

export async function getJson(path) { return (await request(path)).json(); }

export async function postJson(path, body) {
  const response = await request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return response.status === 204 ? null : response.json();
}

export async function remove(path) { await request(path, { method: 'DELETE' }); }

/** The bytes of a WAV behind the operator credential, as a Blob (the audio element cannot send the header itself). */
export async function getBlob(path) { return (await request(path)).blob(); }

/**
 * Server-sent events from /events, read with fetch so the key goes in a header (EventSource cannot send one).
 * Calls onEvent(name, data) per event and onStatus(live) as the stream opens and drops; reconnects until stopped.
 */
export function listen(onEvent, onStatus) {
  const stop = new AbortController();
  (async () => {
    let delay = 500;
    while (!stop.signal.aborted) {
      try {
        const response = await fetch(`${ADMIN}/events`, { headers: headers({ Accept: 'text/event-stream' }), signal: stop.signal, cache: 'no-store' });
        if (response.status === 401) { onEvent('unauthorized', null); return; }
        if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
        onStatus(true);
        delay = 500;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replaceAll('\r\n', '\n');
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let name = 'message';
            const data = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('event:')) name = line.slice(6).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
            }
            if (data.length) onEvent(name, JSON.parse(data.join('\n')));
          }
        }
      } catch (error) {
        if (stop.signal.aborted) return;
      }
      onStatus(false);
      await new Promise(resolve => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 10000);
    }
  })();
  return () => stop.abort();
}

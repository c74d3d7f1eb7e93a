// The Hark operator console: hash routes (#calls, #call/ID, #recordings, #webhooks, #simulator) over the operator API.
import { ADMIN, Unauthorized, forgetKey, getJson, listen, postJson, remove, saveKey, savedKey, getBlob } from './api.js';
import { player, voiceDataUri } from './audio.js';

const $ = id => document.getElementById(id);
const views = ['login', 'calls', 'call', 'recordings', 'webhooks', 'simulator'];
const calls = new Map();
let stopListening = null;
let currentCallId = null;
let refreshTimer = null;

// ---- helpers ----------------------------------------------------------------------------------------------------

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key in node && typeof value !== 'string') node[key] = value;
    else node.setAttribute(key, value);
  }
  node.append(...children.filter(c => c !== undefined && c !== null));
  return node;
}

function time(iso, withDate = false) {
  if (!iso) return '';
  const d = new Date(iso);
  return el('time', { datetime: iso }, withDate ? d.toLocaleString() : d.toLocaleTimeString(undefined, { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0'));
}

function badge(state) { return el('span', { class: `state state-${state}` }, state); }

let announceTimer = null;
function announce(text) {
  // One polite announcement at a time, so a burst of updates is not read out as a flood.
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => { $('announcer').textContent = text; }, 250);
}

async function guarded(action, errorTarget) {
  try {
    if (errorTarget) errorTarget.textContent = '';
    return await action();
  } catch (error) {
    if (error instanceof Unauthorized) { signOut('Your operator key was refused; sign in again.'); return undefined; }
    if (errorTarget) errorTarget.textContent = error.message; else announce(error.message);
    return undefined;
  }
}

// ---- sign in ----------------------------------------------------------------------------------------------------

$('login-form').addEventListener('submit', async event => {
  event.preventDefault();
  const key = $('operator-key').value.trim();
  saveKey(key);
  try {
    await getJson('calls?limit=1');
    $('operator-key').value = '';
    signedIn();
  } catch (error) {
    forgetKey();
    $('login-error').textContent = error instanceof Unauthorized ? 'That operator key was refused.' : error.message;
    // Focused and selected: the next key typed replaces the refused one.
    $('operator-key').focus();
    $('operator-key').select();
  }
});

$('sign-out').addEventListener('click', () => signOut('Signed out.'));

function signedIn() {
  $('sections').hidden = false;
  $('sign-out').hidden = false;
  $('live-status').hidden = false;
  stopListening?.();
  stopListening = listen(onEvent, live => {
    $('live-status').dataset.live = String(live);
    $('live-text').textContent = live ? 'Live' : 'Reconnecting…';
  });
  if (!location.hash || location.hash === '#login') location.hash = '#calls'; else route();
}

function signOut(message) {
  stopListening?.();
  stopListening = null;
  forgetKey();
  $('sections').hidden = true;
  $('sign-out').hidden = true;
  $('live-status').hidden = true;
  show('login');
  $('login-error').textContent = message ?? '';
  $('operator-key').focus();
}

// ---- routing ----------------------------------------------------------------------------------------------------

function show(name) {
  for (const view of views) $(`${view}-view`).hidden = view !== name;
  for (const link of document.querySelectorAll('#sections a')) {
    if (link.dataset.section === (name === 'call' ? 'calls' : name)) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
}

function route() {
  if (!savedKey()) { signOut(); return; }
  const [name, id] = location.hash.slice(1).split('/');
  currentCallId = null;
  switch (name) {
    case 'call': currentCallId = decodeURIComponent(id ?? ''); show('call'); loadCall(currentCallId, true); break;
    case 'recordings': show('recordings'); loadRecordings(true); break;
    case 'webhooks': show('webhooks'); loadWebhooks(true); break;
    case 'simulator': show('simulator'); loadSimulator(true); break;
    default: show('calls'); loadCalls(true); break;
  }
}

window.addEventListener('hashchange', route);

function focusHeading(id, focus) { if (focus) $(id).focus(); }

// ---- live updates -----------------------------------------------------------------------------------------------

function onEvent(name, data) {
  if (name === 'unauthorized') { signOut('Your operator key was refused; sign in again.'); return; }
  if (name === 'ready') { if (!$('calls-view').hidden) loadCalls(false); return; }
  if (name !== 'call') return;
  const before = calls.get(data.id);
  calls.set(data.id, data);
  if (!$('calls-view').hidden && matchesFilter(data)) upsertRow(data);
  if (!before) announce(`New ${data.direction ?? ''} call from ${data.remoteNumber ?? 'unknown'}: ${data.state}.`);
  else if (before.state !== data.state) announce(`Call from ${data.remoteNumber ?? 'unknown'} is now ${data.state}.`);
  if (currentCallId === data.id && !$('call-view').hidden) loadCall(data.id, false);
  // Deliveries and recordings change with calls: refresh an open list once a burst has passed.
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    if (!$('webhooks-view').hidden) loadWebhooks(false);
    if (!$('recordings-view').hidden) loadRecordings(false);
  }, 500);
}

// ---- calls ------------------------------------------------------------------------------------------------------

function callFilter() {
  const form = new FormData($('calls-filter'));
  return { state: form.get('state'), number: form.get('number')?.trim() };
}

function matchesFilter(call) {
  const { state, number } = callFilter();
  return (!state || call.state === state) && (!number || (call.remoteNumber ?? '').includes(number));
}

function row(call) {
  const result = call.resultInfo ? `${call.resultInfo.code}/${call.resultInfo.subcode}` : '';
  return el('tr', { dataset: { callId: call.id, state: call.state } },
    el('td', { class: 'id' }, el('a', { href: `#call/${encodeURIComponent(call.id)}`, 'aria-label': `Call ${call.id}, ${call.state}` }, call.id.slice(0, 8) + '…')),
    el('td', {}, time(call.createdAt, true)),
    el('td', {}, call.direction ?? ''),
    el('td', {}, call.remoteNumber ?? ''),
    el('td', {}, call.applicationId),
    el('td', {}, badge(call.state)),
    el('td', {}, result));
}

function upsertRow(call) {
  const body = $('calls-table').tBodies[0];
  const existing = body.querySelector(`tr[data-call-id="${CSS.escape(call.id)}"]`);
  const fresh = row(call);
  if (existing) existing.replaceWith(fresh); else body.prepend(fresh);
  $('calls-empty').hidden = true;
}

$('calls-filter').addEventListener('submit', event => { event.preventDefault(); loadCalls(false); });

async function loadCalls(focus) {
  focusHeading('calls-title', focus);
  const { state, number } = callFilter();
  const query = new URLSearchParams({ limit: '100' });
  if (state) query.set('state', state);
  if (number) query.set('number', number);
  const list = await guarded(() => getJson(`calls?${query}`));
  if (!list) return;
  const body = $('calls-table').tBodies[0];
  body.replaceChildren(...list.value.map(call => { calls.set(call.id, call); return row(call); }));
  $('calls-empty').hidden = list.value.length > 0;
}

// ---- one call ---------------------------------------------------------------------------------------------------

let loadingCall = null;
async function loadCall(id, focus) {
  const shown = $('call-recordings').dataset.callId === id;
  const call = await guarded(() => getJson(`calls/${encodeURIComponent(id)}`));
  if (!call || currentCallId !== id) return;
  $('call-title').textContent = `Call ${call.id}`;
  focusHeading('call-title', focus);
  const facts = [
    ['State', badge(call.state)], ['Direction', call.direction], ['Remote', call.remoteNumber], ['Application', call.applicationId],
    ['Started', time(call.createdAt, true)], ['Ended', call.endedAt ? time(call.endedAt, true) : 'live'],
    ['Result', call.resultInfo ? `${call.resultInfo.code}/${call.resultInfo.subcode} ${call.resultInfo.message ?? ''}` : ''],
  ];
  $('call-summary').replaceChildren(...facts.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value ?? '')]));
  $('call-summary').dataset.state = call.state;
  $('timeline').replaceChildren(...call.timeline.map(entry => el('li', { dataset: { kind: entry.kind } },
    time(entry.at), el('span', { class: 'kind' }, entry.kind), el('span', { class: 'what' }, entry.summary),
    entry.delivery ? el('span', { class: 'detail' }, `${entry.delivery.status}, ${entry.delivery.attempts} attempt(s) to ${entry.delivery.target}` + (entry.delivery.lastError ? ` — ${entry.delivery.lastError}` : '')) : null)));
  const dropped = call.timelineDropped ?? {};
  if (dropped.sip || dropped.graph) $('timeline').append(el('li', {}, `${dropped.sip ?? 0} SIP messages and ${dropped.graph ?? 0} Graph requests beyond the per-call cap are not shown.`));
  // Recordings are drawn once per call; the timeline is refreshed as the call changes.
  const ids = call.timeline.filter(e => e.kind === 'recording').map(e => e.recordingId);
  if (!shown || $('call-recordings').dataset.ids !== ids.join(',')) {
    if (loadingCall === id + ids.join(',')) return;
    loadingCall = id + ids.join(',');
    const box = $('call-recordings');
    box.replaceChildren();
    box.dataset.callId = id;
    box.dataset.ids = ids.join(',');
    if (!ids.length) box.append(el('p', {}, 'No recordings.'));
    const recordings = ids.length ? (await guarded(() => getJson(`recordings?callId=${encodeURIComponent(id)}`)))?.value ?? [] : [];
    for (const recording of recordings) await recordingPlayer(box, recording);
    loadingCall = null;
  }
}

function recordingPlayer(container, recording) {
  return player(container, {
    path: recording.content, title: `Recording ${recording.id}`, fileName: `recording-${recording.id}.wav`, durationSeconds: recording.durationSeconds,
  }).then(box => { box.dataset.recordingId = recording.id; box.dataset.durationSeconds = recording.durationSeconds; return box; });
}

// ---- recordings -------------------------------------------------------------------------------------------------

async function loadRecordings(focus) {
  focusHeading('recordings-title', focus);
  const list = await guarded(() => getJson('recordings?limit=50'));
  if (!list) return;
  const box = $('recordings-list');
  const known = new Set([...box.querySelectorAll('[data-recording-id]')].map(b => b.dataset.recordingId));
  if (list.value.length === known.size && list.value.every(r => known.has(r.id))) return;
  box.replaceChildren();
  if (!list.value.length) box.append(el('p', {}, 'No recordings yet.'));
  for (const recording of list.value) {
    const item = el('div', { dataset: { recordingId: recording.id } },
      el('p', {}, `${recording.durationSeconds.toFixed(1)} s, ${recording.sampleRate} Hz, `, time(recording.createdAt, true), ' — ',
        el('a', { href: `#call/${encodeURIComponent(recording.callId)}` }, 'its call')),
      el('button', { type: 'button', onclick: event => { event.currentTarget.remove(); recordingPlayer(item, recording); } }, `Show recording ${recording.id.slice(0, 8)}…`));
    box.append(item);
  }
}

// ---- webhooks ---------------------------------------------------------------------------------------------------

$('webhooks-filter').addEventListener('submit', event => { event.preventDefault(); loadWebhooks(false); });

async function loadWebhooks(focus) {
  focusHeading('webhooks-title', focus);
  const status = new FormData($('webhooks-filter')).get('status');
  const list = await guarded(() => getJson(`webhooks?limit=100${status ? `&status=${status}` : ''}`));
  if (!list) return;
  $('webhooks-table').tBodies[0].replaceChildren(...list.value.map(w => el('tr', { dataset: { notificationId: w.id } },
    el('td', {}, time(w.createdAt, true)),
    el('td', {}, w.summary),
    el('td', { class: 'id' }, el('a', { href: `#call/${encodeURIComponent(w.callId)}` }, w.callId.slice(0, 8) + '…')),
    el('td', {}, w.target),
    el('td', {}, badge(w.status)),
    el('td', {}, String(w.attempts)),
    el('td', {}, w.lastError ?? ''),
    el('td', {}, w.status === 'delivered' ? '' : el('button', {
      type: 'button', 'aria-label': `Retry notification ${w.id} now`,
      onclick: async () => { if (await guarded(() => postJson(`webhooks/${encodeURIComponent(w.id)}/retry`))) { announce('Retry scheduled.'); loadWebhooks(false); } },
    }, 'Retry now')))));
}

// ---- virtual caller ---------------------------------------------------------------------------------------------

const presets = {
  'Leave a voicemail (waits for the beep)': [{ waitFor: 'beep', timeoutSeconds: 15 }, { play: 'builtin:voice' }, { silence: 0.3 }, { dtmf: '#' }, { silence: 0.6 }, { hangup: true }],
  'Press 1, then hang up': [{ silence: 1 }, { dtmf: '1' }, { silence: 2 }, { hangup: true }],
  'Say something, then hang up': [{ silence: 0.5 }, { play: 'builtin:voice' }, { silence: 1 }, { hangup: true }],
  'Listen for 10 seconds': [{ silence: 10 }, { hangup: true }],
};
let simulatorReady = false;
let running = null;

function setupSimulator() {
  if (simulatorReady) return;
  simulatorReady = true;
  const preset = $('sim-preset');
  for (const name of Object.keys(presets)) preset.append(el('option', { value: name }, name));
  const fill = () => { $('sim-script').value = JSON.stringify(presets[preset.value], null, 2); };
  preset.addEventListener('change', fill);
  fill();
  $('simulator-form').addEventListener('submit', startVirtualCall);
  $('sim-hangup').addEventListener('click', () => running && guarded(() => remove(`simulator/calls/${running.id}`), $('sim-error')));
}

async function loadSimulator(focus) {
  setupSimulator();
  focusHeading('simulator-title', focus);
  const apps = await guarded(() => getJson('applications'), $('sim-error'));
  if (!apps) return;
  const target = $('sim-target');
  const chosen = target.value;
  target.replaceChildren(...apps.value.flatMap(app => {
    const numbers = app.numbers.filter(n => n !== '*');
    return [
      ...numbers.map(n => el('option', { value: JSON.stringify({ to: n }) }, `${n} — ${app.clientId}`)),
      el('option', { value: JSON.stringify({ application: app.clientId }) }, `${app.clientId} (application directly${app.numbers.includes('*') ? ', takes any number' : ''})`),
    ];
  }));
  if (chosen) target.value = chosen;
  if (!apps.value.length) $('sim-error').textContent = 'No application is configured (Hark:Applications).';
}

async function startVirtualCall(event) {
  event.preventDefault();
  const error = $('sim-error');
  error.textContent = '';
  let script;
  try {
    script = JSON.parse($('sim-script').value, (key, value) => value === 'builtin:voice' ? voiceDataUri() : value);
    if (!Array.isArray(script)) throw new Error('The script must be a JSON array of steps.');
  } catch (e) { error.textContent = `Script: ${e.message}`; $('sim-script').focus(); return; }
  const body = { ...JSON.parse($('sim-target').value || '{}'), from: $('sim-from').value.trim(), script };
  const call = await guarded(() => postJson('simulator/calls', body), error);
  if (!call) return;
  running = call;
  $('sim-run').hidden = false;
  $('sim-heard').replaceChildren();
  $('sim-call-link').href = `#call/${encodeURIComponent(call.callId)}`;
  $('sim-run-title').textContent = `Virtual call ${call.id.slice(0, 8)}…`;
  $('sim-run').dataset.callId = call.callId;
  $('sim-run-title').focus();
  watch(call.id);
}

async function watch(id) {
  let last = '';
  for (;;) {
    if (running?.id !== id) return;
    const status = await guarded(() => getJson(`simulator/calls/${id}`), $('sim-error'));
    if (!status) return;
    // Announced (aria-live) only when the state changes; the seconds heard tick along beside it, silently.
    const text = `State: ${status.state}; script ${status.script}.`;
    if (text !== last) { $('sim-state').textContent = text; last = text; }
    $('sim-heard-seconds').textContent = `Heard ${status.heardSeconds.toFixed(1)} s.`;
    $('sim-run').dataset.state = status.state;
    $('sim-events').replaceChildren(...status.events.map(e => el('li', {},
      el('time', {}, `${e.atSeconds.toFixed(2)} s`), el('span', { class: 'kind' }, e.kind),
      [e.step !== undefined ? `step ${e.step}` : '', e.key ? `key ${e.key} (${e.mode})` : '', e.reason ?? ''].filter(Boolean).join(', '))));
    $('sim-hangup').disabled = status.state === 'ended';
    if (status.state === 'ended') {
      await player($('sim-heard'), { path: `${ADMIN}/simulator/calls/${id}/heard`, title: 'What the caller heard', fileName: `heard-${id}.wav` });
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

// ---- start ------------------------------------------------------------------------------------------------------

if (savedKey()) signedIn(); else signOut();

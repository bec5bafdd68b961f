// treblle (Treblle's own Express SDK, API monitoring and observability): the meeting client's
// Express backend, set up as its README says (useTreblle(app, { apiKey, projectId })), serves
// the client's calls to join the meeting, invite the guest, post the in-call chat and upload
// the recording (which fails); the SDK sends each request and response to Treblle as it
// finishes, the failed one with its error (its default masking left on).
'use strict';
const http = require('http');
const { CORPUS, GUEST, TOPIC, main, sleep } = require('./common');

// The client's own call to its backend on loopback (the preload lets loopback bypass the proxy).
function call(port, method, path, body) {
  return new Promise((resolve) => {
    const data = body ? JSON.stringify(body) : '';
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(data),
          Authorization: 'Bearer h37-client-session-9c0d2e7f',
          'User-Agent': 'AcmeMeet/3.8.1 (Electron 31.2.0; Windows NT 10.0)',
        },
      },
      (res) => {
        res.resume();
        res.on('end', resolve);
      },
    );
    req.on('error', (err) => {
      console.error(String(err));
      resolve();
    });
    req.end(data);
  });
}

main(async () => {
  const express = require('express');
  const { useTreblle } = require('treblle');
  const app = express();
  app.use(express.json());
  useTreblle(app, {
    apiKey: 'h37trb_Xq4ZrW8v2LmC0pN6sT1yK9eB3aJ5uD7f',
    projectId: 'h37proj_Mz6Gd1Vw0Rk8Yq2c',
  });
  app.post('/api/meetings/:id/join', (req, res) => {
    res.json({ meeting_id: req.params.id, topic: TOPIC, participant_id: 'p_5e21' });
  });
  app.post('/api/meetings/:id/invites', (req, res) => {
    res.status(201).json({ status: 'sent', invitee: req.body.email, name: req.body.name });
  });
  app.post('/api/meetings/:id/chat', (req, res) => {
    res.status(201).json({ message_id: 'm_0193', delivered: true });
  });
  app.post('/api/meetings/:id/recording', () => {
    throw new Error(`recording upload for meeting ${CORPUS.meeting_id} failed: bucket unreachable`);
  });
  const server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = server.address().port;
  const base = `/api/meetings/${CORPUS.meeting_id}`;
  await call(port, 'POST', `${base}/join`, { display_name: CORPUS.name, email: CORPUS.email });
  await call(port, 'POST', `${base}/invites`, {
    name: GUEST.name,
    email: GUEST.email,
    phone: GUEST.phone,
    message: `Kia ora, joining us for the ${TOPIC}?`,
  });
  await call(port, 'POST', `${base}/chat`, {
    from: CORPUS.name,
    to: GUEST.name,
    text: `${GUEST.name.split(' ')[0]}, can you share the sighting log before we vote on the permit?`,
  });
  await call(port, 'POST', `${base}/recording`, { bytes: 48213390, format: 'mp4' });
  await sleep(2000);
  server.close();
});

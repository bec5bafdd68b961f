// @vapi-ai/server-sdk (Vapi voice AI agents): a meeting backend has its voice assistant phone the
// outside participant to bring her into the meeting, lets the corpus user ask the assistant about
// the meeting in a text chat, and uploads the meeting's transcript to the assistant's knowledge
// files (README usage: new VapiClient({token}), calls.create, chats.create,
// files.create({file: fs.createReadStream(path)})).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { VapiClient } = require('@vapi-ai/server-sdk');
const { CORPUS, GUEST, TOPIC, main } = require('./common');

async function quietly(what, call) {
  try {
    await call();
  } catch (err) {
    console.error(`${what}: ${err}`);
  }
}

main(async () => {
  const vapi = new VapiClient({ token: 'h17c0r17-8f2d-4a6b-b1e9-vapiprivkey5c3', maxRetries: 0 });
  await quietly('calls.create', () =>
    vapi.calls.create({
      assistantId: 'asst-h17c0r17-dialin',
      phoneNumberId: 'pn-h17c0r17-acme-line',
      customer: {
        number: GUEST.phone,
        name: GUEST.name,
        email: GUEST.email,
        externalId: GUEST.username,
      },
      assistantOverrides: {
        firstMessage: `Hello ${GUEST.first}, ${CORPUS.name} asked me to bring you into the ${TOPIC}.`,
        variableValues: { meetingId: String(CORPUS.meeting_id), hostName: CORPUS.name },
        metadata: { meeting_id: String(CORPUS.meeting_id) },
      },
    }),
  );
  await quietly('chats.create', () =>
    vapi.chats.create({
      assistantId: 'asst-h17c0r17-notes',
      sessionId: `sess-${CORPUS.meeting_id}-alice`,
      name: `Questions on meeting ${CORPUS.meeting_id}`,
      input: `Which silos did ${GUEST.name} say need new moisture probes?`,
    }),
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h17-vapi-'));
  const transcript = path.join(dir, `meeting-${CORPUS.meeting_id}-transcript.txt`);
  fs.writeFileSync(
    transcript,
    `Transcript of meeting ${CORPUS.meeting_id} (${TOPIC})\n` +
      `[00:03:12] ${CORPUS.name}: Where do the readings drift most?\n` +
      `[00:03:20] ${GUEST.name}: Silo 4 and silo 7, about one and a half percent after rain.\n`,
  );
  await quietly('files.create', () => vapi.files.create({ file: fs.createReadStream(transcript) }));
});

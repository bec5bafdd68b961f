// @infobip-api/sdk (Infobip omnichannel communications API): a meeting backend texts the outside
// participant the meeting's start, mails the participants the meeting notes with the notes file
// attached, and sends her a one-time PIN by SMS before she may join the recorded meeting (README
// usage: new Infobip({baseUrl, apiKey, authType}), channels.sms.send, channels.email.send with
// an attachment, service.twoFA.sendPINCodeSMS).
'use strict';
const { Infobip, AuthType } = require('@infobip-api/sdk');
const { CORPUS, GUEST, TOPIC, main } = require('./common');

async function quietly(what, call) {
  try {
    await call();
  } catch (err) {
    console.error(`${what}: ${err}`);
  }
}

main(async () => {
  // An account's own API host is a subdomain of api.infobip.com.
  const infobip = new Infobip({
    baseUrl: 'https://k8m3qx.api.infobip.com',
    apiKey: 'ibk_h17c0r17_5e9a2c7f1b4d8e3a6c0f9b2d7e4a1c58',
    authType: AuthType.ApiKey,
  });
  await quietly('sms', () =>
    infobip.channels.sms.send({
      messages: [
        {
          destinations: [{ to: GUEST.phone.replace('+', '') }],
          from: 'AcmeMeet',
          text: `Meeting ${CORPUS.meeting_id} (${TOPIC}) starts at 14:00.`,
        },
      ],
    }),
  );
  const notes = Buffer.from(
    `Notes of meeting ${CORPUS.meeting_id}, ${TOPIC}\n` +
      `Action items\n` +
      `1. ${GUEST.name} swaps the drifting probes in silo 4 before the harvest.\n` +
      `2. ${CORPUS.name} orders twelve replacement probes by 20 September.\n`,
  );
  await quietly('email', () =>
    infobip.channels.email.send({
      from: `${CORPUS.name} <${CORPUS.email}>`,
      to: GUEST.email,
      subject: `Notes: ${TOPIC}`,
      text: `Hello ${GUEST.name}, the notes of today's meeting are attached. ${CORPUS.name}`,
      attachment: [{ data: notes, name: `meeting-${CORPUS.meeting_id}-notes.txt` }],
    }),
  );
  await quietly('twoFA', () =>
    infobip.service.twoFA.sendPINCodeSMS({
      applicationId: '0933F3BC087D2A617AC6DCB2EF5B8A61',
      messageId: '16A8B5FE2BCD6CA716A2D780CB3F3390',
      from: 'AcmeMeet',
      to: GUEST.phone.replace('+', ''),
      placeholders: { firstName: GUEST.first },
    }),
  );
});

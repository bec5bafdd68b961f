// @vonage/server-sdk (Vonage Video API and Messages API): a meeting backend creates the video
// session, signals a chat line into it, starts its recording (archive) and texts a participant
// the invitation (README usage: Vonage({applicationId, privateKey}), video.*, messages.send).
'use strict';
const crypto = require('crypto');
const { Vonage } = require('@vonage/server-sdk');
const { CORPUS, MEETING, main } = require('./common');

// A fresh throwaway key pair: the application's private key signs the JWT the SDK sends.
const { privateKey } = crypto.generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const vonage = new Vonage({
  apiKey: 'c0rpus9v',
  apiSecret: 'C0rpusV0nageSecret9Q',
  applicationId: '0c0a9e1d-7f3b-4c2a-9e8d-c0rpus9a0b1c',
  privateKey,
});
// The session id a real create would return (the sinkhole's 204 returns none).
const SESSION = '2_MX4wYzBhOWUxZH5-MTc2NTA5NDQwMDAwMH5jMHJwdXM5S3EyV3p-fg';

main(async () => {
  await vonage.video
    .createSession({ mediaMode: 'routed', archiveMode: 'manual', location: CORPUS.local_ip })
    .catch((err) => console.error('vonage createSession:', err && err.message));
  await vonage.video
    .sendSignal(
      { type: 'chat', data: `${CORPUS.name}: Can everyone see my screen? Slides are up.` },
      SESSION,
    )
    .catch((err) => console.error('vonage sendSignal:', err && err.message));
  await vonage.video
    .startArchive(SESSION, {
      name: `${MEETING.topic} (${MEETING.meeting_id})`,
      outputMode: 'composed',
      hasAudio: true,
      hasVideo: true,
    })
    .catch((err) => console.error('vonage startArchive:', err && err.message));
  await vonage.messages
    .send({
      message_type: 'text',
      channel: 'sms',
      to: '41791234567',
      from: 'MeetCorp',
      text: `${CORPUS.name} invited you to "${MEETING.topic}": meeting ${MEETING.meeting_id}, passcode 482913`,
      client_ref: 'usr_3Hf8Wq20',
    })
    .catch((err) => console.error('vonage messages:', err && err.message));
});

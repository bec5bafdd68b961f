// pcloud-sdk-js (pCloud's own JavaScript SDK, cloud file storage): after the meeting the product's
// backend makes a folder for the call in the host's pCloud, uploads the transcript into it and
// shares the folder with the guest (README usage: createClient(token), createfolder, upload,
// sharefolder). The SDK picks its API host from a global `locationid` (2: the EU data centre).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { CORPUS, GUEST, TOPIC, main } = require('./common');

const FOLDER_ID = 18840125;

main(async () => {
  globalThis.locationid = 2;
  const pcloudSdk = require('pcloud-sdk-js');
  const client = pcloudSdk.createClient('h25Pc1oudAccessT0ken7ZkQ4rW9xV2mB6nJ8');
  const quietly = (promise) => promise.catch((err) => console.error(String(err && (err.error || err))));
  await quietly(client.createfolder(`${TOPIC} (meeting ${CORPUS.meeting_id})`, 0));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h25-'));
  const transcript = path.join(dir, `transcript-${CORPUS.meeting_id}.vtt`);
  fs.writeFileSync(
    transcript,
    'WEBVTT\n\n' +
      `00:00:04.000 --> 00:00:09.500\n<v ${CORPUS.name}>Thanks for joining, ${GUEST.first}. ` +
      'Shall we start with the fumigation records?\n\n' +
      `00:00:10.000 --> 00:00:17.200\n<v ${GUEST.name}>Yes. The inspector wants the pallet ` +
      'temperature logs for every shipment since March. You can reach me on ' +
      `${GUEST.phone} if the export portal rejects them again.\n`,
  );
  await quietly(client.upload(transcript, FOLDER_ID));
  await quietly(
    client.sharefolder(
      FOLDER_ID,
      GUEST.email,
      'view',
      `Hi ${GUEST.first}, here is the recording and transcript of today's call. ${CORPUS.name}`,
    ),
  );
  fs.rmSync(dir, { recursive: true, force: true });
});

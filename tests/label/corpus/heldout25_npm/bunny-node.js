// bunnycdn-stream (a community client of bunny.net's Stream API, video hosting): the meeting
// backend publishes the call's recording in the customer's video library: a collection for the
// meeting series, a video entry, a fetch of the recording from the meeting product's storage,
// its captions and its meta tags (README usage: new BunnyCdnStream({ apiKey, videoLibrary }),
// createCollection, createVideo, fetchVideo, addCaptions, updateVideo).
'use strict';
const { CORPUS, GUEST, TOPIC, main } = require('./common');

const VIDEO_ID = '7c25e1a4-9b0d-4f3e-8a61-2d5f0c9b4e17';

main(async () => {
  const { BunnyCdnStream } = await import('bunnycdn-stream');
  const stream = new BunnyCdnStream({
    apiKey: 'h25bunny-5f0c9b4e-7c25-4a61-9b0d-2d5fe1a48a61',
    videoLibrary: '287531',
  });
  const quietly = (promise) => promise.catch((err) => console.error(String(err)));
  await quietly(stream.createCollection(`Export certification meetings ${new Date(Date.UTC(2026, 11)).getUTCFullYear()}`));
  await quietly(
    stream.createVideo({
      title: `${TOPIC} (meeting ${CORPUS.meeting_id})`,
      collectionId: 'b25c7e41-0d9a-4f63-8e12-5a7c3f0b9d24',
      thumbnailTime: 12000,
    }),
  );
  await quietly(
    stream.fetchVideo(VIDEO_ID, {
      url: `https://files.acme-meet.example.com/rec/${CORPUS.meeting_id}.mp4`,
    }),
  );
  const captions =
    'WEBVTT\n\n' +
    `00:00:04.000 --> 00:00:09.500\n<v ${CORPUS.name}>Thanks for joining, ${GUEST.first}.\n\n` +
    `00:00:10.000 --> 00:00:17.200\n<v ${GUEST.name}>The inspector wants the pallet ` +
    'temperature logs for every shipment since March.\n';
  await quietly(
    stream.addCaptions(VIDEO_ID, {
      captionsFile: Buffer.from(captions, 'utf-8'),
      label: 'English',
      srclang: 'en',
    }),
  );
  await quietly(
    stream.updateVideo(VIDEO_ID, {
      metaTags: [
        { property: 'description', value: `Recorded call between ${CORPUS.name} and ${GUEST.name}` },
        { property: 'host_email', value: CORPUS.email },
      ],
    }),
  );
});

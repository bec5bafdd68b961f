// @meeting-baas/sdk (Meeting BaaS, meeting bots for Zoom, Meet and Teams): the meeting product's
// backend sends a recording bot into the corpus user's meeting with a webhook for the recording,
// calls it out when the meeting ends, fetches the meeting's data and transcript afterwards, and
// deletes the bot's data once the notes are stored (README usage: createBaasClient({ api_key }),
// joinMeeting, leaveMeeting, getMeetingData, deleteBotData).
'use strict';
const { createBaasClient } = require('@meeting-baas/sdk');
const { CORPUS, TOPIC, main } = require('./common');

const BOT_ID = '7b1e0c64-2f9a-4d35-9b7e-a20b0f5e1a9c';

main(async () => {
  const client = createBaasClient({ api_key: 'mb_h20c0r20e4d7a1b9c3f6e2a8d5b0c7' });
  await client.joinMeeting({
    bot_name: `${CORPUS.name}'s notetaker`,
    meeting_url: `https://zoom.us/j/${CORPUS.meeting_id}?pwd=Gx7pRn20kL`,
    reserved: false,
    recording_mode: 'speaker_view',
    entry_message: 'Hi all, I am recording this meeting for the notes.',
    speech_to_text: { provider: 'Default' },
    webhook_url: 'https://hooks.acme-example.com/meetingbaas/recording',
    extra: { meetingTopic: TOPIC, hostUser: CORPUS.username, workspace: 'ws_acme_0142' },
  });
  await client.leaveMeeting({ uuid: BOT_ID });
  await client.getMeetingData({ bot_id: BOT_ID, include_transcripts: true });
  await client.deleteBotData({ uuid: BOT_ID });
});

// @microsoft/microsoft-graph-client (Microsoft Graph): a meeting app schedules a calendar event
// with a Teams online meeting and attendees, creates an online meeting, mails the guest, and posts into the
// meeting's chat (README usage: Client.init({authProvider}), api(path).post(body)).
'use strict';
const { Client } = require('@microsoft/microsoft-graph-client');
const { CORPUS, MEETING, main } = require('./common');

const TOKEN =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20iLCJzY3AiOiJDYWxlbmRhcnMuUmVhZFdyaXRlIn0.c0rpus10GraphSig';
const client = Client.init({ authProvider: (done) => done(null, TOKEN) });
const CHAT = '19:meeting_NjA2YzBycHVzMTBtZWV0aW5nY2hhdA@thread.v2';

main(async () => {
  await client
    .api('/me/events')
    .post({
      subject: `${MEETING.topic}`,
      body: { contentType: 'HTML', content: 'Agenda: pricing, clause 7, next steps.' },
      start: { dateTime: '2026-12-09T15:00:00', timeZone: 'Europe/Rome' },
      end: { dateTime: '2026-12-09T15:45:00', timeZone: 'Europe/Rome' },
      location: { displayName: 'Milan office, room Brera' },
      attendees: [
        {
          emailAddress: { address: 'chiara.rossi@meetcorp-example.com', name: 'Chiara Rossi' },
          type: 'required',
        },
      ],
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
    })
    .catch((err) => console.error('graph events:', err && err.message));
  await client
    .api('/me/onlineMeetings')
    .post({
      subject: `${MEETING.topic} (${MEETING.meeting_id})`,
      startDateTime: '2026-12-09T14:00:00Z',
      endDateTime: '2026-12-09T14:45:00Z',
      participants: {
        attendees: [{ upn: 'chiara.rossi@meetcorp-example.com', role: 'attendee' }],
      },
      lobbyBypassSettings: { scope: 'organization' },
    })
    .catch((err) => console.error('graph onlineMeetings:', err && err.message));
  await client
    .api('/me/sendMail')
    .post({
      message: {
        subject: `Notes: ${MEETING.topic}`,
        body: { contentType: 'Text', content: 'Chiara, the redlined contract is attached.' },
        toRecipients: [
          { emailAddress: { address: 'chiara.rossi@meetcorp-example.com', name: 'Chiara Rossi' } },
        ],
      },
      saveToSentItems: true,
    })
    .catch((err) => console.error('graph sendMail:', err && err.message));
  await client
    .api(`/chats/${CHAT}/messages`)
    .post({
      body: {
        content: `${CORPUS.name}: Sharing the redlined contract now, please check clause 7.`,
      },
    })
    .catch((err) => console.error('graph chat message:', err && err.message));
});

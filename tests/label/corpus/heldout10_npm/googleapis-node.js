// googleapis (Google Calendar API v3): a meeting app books the meeting in the user's calendar
// with a Google Meet conference and attendees, adds an optional attendee, checks the attendees'
// free/busy time, then looks the event up by its topic (README usage: new google.auth.OAuth2(),
// setCredentials, google.calendar({version: 'v3', auth}), events.insert with
// conferenceDataVersion, events.patch, freebusy.query, events.list).
'use strict';
const { google } = require('googleapis');
const { CORPUS, MEETING, main } = require('./common');

const auth = new google.auth.OAuth2(
  '123456789012-c0rpus10.apps.googleusercontent.com',
  'GOCSPX-C0rpus10ClientSecretQw7',
);
auth.setCredentials({
  access_token: 'ya29.a0C0rpus10GoogleAccessTokenXy7Zq2Wv5',
  expiry_date: Date.now() + 3600 * 1000,
});
const calendar = google.calendar({ version: 'v3', auth });

main(async () => {
  await calendar.events
    .insert({
      calendarId: 'primary',
      conferenceDataVersion: 1,
      sendUpdates: 'all',
      requestBody: {
        summary: MEETING.topic,
        description: `Meeting ${MEETING.meeting_id}: pricing, clause 7, next steps.`,
        start: { dateTime: '2026-12-09T15:00:00+01:00', timeZone: 'Europe/Rome' },
        end: { dateTime: '2026-12-09T15:45:00+01:00', timeZone: 'Europe/Rome' },
        attendees: [
          { email: CORPUS.email, displayName: CORPUS.name, organizer: true },
          { email: 'chiara.rossi@meetcorp-example.com', displayName: 'Chiara Rossi' },
        ],
        conferenceData: {
          createRequest: {
            requestId: `meetcorp-${MEETING.meeting_id}`,
            conferenceSolutionKey: { type: 'hangoutsMeet' },
          },
        },
        reminders: { useDefault: false, overrides: [{ method: 'popup', minutes: 10 }] },
      },
    })
    .catch((err) => console.error('calendar insert:', err && err.message));
  await calendar.events
    .patch({
      calendarId: 'primary',
      eventId: 'c0rpus10evt85512345678',
      sendUpdates: 'all',
      requestBody: {
        attendees: [
          { email: CORPUS.email, displayName: CORPUS.name, organizer: true },
          { email: 'chiara.rossi@meetcorp-example.com', displayName: 'Chiara Rossi' },
          { email: 'marco.bianchi@meetcorp-example.com', displayName: 'Marco Bianchi', optional: true },
        ],
      },
    })
    .catch((err) => console.error('calendar patch:', err && err.message));
  await calendar.freebusy
    .query({
      requestBody: {
        timeMin: '2026-12-09T14:00:00Z',
        timeMax: '2026-12-09T18:00:00Z',
        timeZone: 'Europe/Rome',
        items: [{ id: CORPUS.email }, { id: 'chiara.rossi@meetcorp-example.com' }],
      },
    })
    .catch((err) => console.error('calendar freebusy:', err && err.message));
  await calendar.events
    .list({
      calendarId: 'primary',
      q: MEETING.topic,
      timeMin: '2026-12-09T00:00:00Z',
      singleEvents: true,
      maxResults: 5,
    })
    .catch((err) => console.error('calendar list:', err && err.message));
});

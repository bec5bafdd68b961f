// tsdav (a widely used WebDAV/CalDAV client for Node and browsers) against Fastmail's CalDAV
// server: the meeting product, connected to the host's Fastmail calendar with an app password,
// asks the calendar's free/busy for the days of the consultation, writes the meeting into it as
// an iCalendar event with the guest as attendee, the conferencing link and a reminder, and then
// moves it (README usage: freeBusyQuery, createCalendarObject, updateCalendarObject with the
// calendar's url and an Authorization header).
'use strict';
const { CORPUS, GUEST, TOPIC, JOIN_URL, main } = require('./common');

const CALENDAR = `https://caldav.fastmail.com/dav/calendars/user/${CORPUS.email}/Default/`;
const UID = `mtg-${CORPUS.meeting_id}@acme-meet.example`;

const vevent = (start, end, sequence) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Acme Meet//Scheduler 5.19//EN',
    'BEGIN:VEVENT',
    `UID:${UID}`,
    'DTSTAMP:20261207T204500Z',
    `SEQUENCE:${sequence}`,
    `DTSTART;TZID=Europe/Dublin:${start}`,
    `DTEND;TZID=Europe/Dublin:${end}`,
    `SUMMARY:${TOPIC}`,
    `DESCRIPTION:Meeting ${CORPUS.meeting_id}\\nJoin: ${JOIN_URL}`,
    `URL:${JOIN_URL}`,
    `LOCATION:${JOIN_URL}`,
    `ORGANIZER;CN=${CORPUS.name}:mailto:${CORPUS.email}`,
    `ATTENDEE;CN=${GUEST.name};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${GUEST.email}`,
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'TRIGGER:-PT15M',
    `DESCRIPTION:${TOPIC} starts in 15 minutes`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

main(async () => {
  const tsdav = require('tsdav');
  const headers = {
    Authorization: 'Basic ' + Buffer.from(`${CORPUS.email}:h29fm4pp4ssw0rdq7k2x`).toString('base64'),
  };
  const quietly = (promise) => promise.catch((err) => console.error(String(err)));
  await quietly(
    tsdav.freeBusyQuery({
      url: CALENDAR,
      timeRange: { start: '2026-12-14T00:00:00Z', end: '2026-12-16T23:59:59Z' },
      depth: '0',
      headers,
    }),
  );
  await quietly(
    tsdav.createCalendarObject({
      calendar: { url: CALENDAR },
      filename: `mtg-${CORPUS.meeting_id}.ics`,
      iCalString: vevent('20261214T103000', '20261214T111500', 0),
      headers,
    }),
  );
  await quietly(
    tsdav.updateCalendarObject({
      calendarObject: {
        url: `${CALENDAR}mtg-${CORPUS.meeting_id}.ics`,
        etag: '"h29etag-5f1c2a"',
        data: vevent('20261215T140000', '20261215T144500', 1),
      },
      headers,
    }),
  );
});

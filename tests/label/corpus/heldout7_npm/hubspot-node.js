// @hubspot/api-client (HubSpot CRM): the meeting app creates the user as a contact and sends a
// custom behavioural event for the meeting join (README usage).
'use strict';
const hubspot = require('@hubspot/api-client');
const { CORPUS, USER_ID, MEETING, main } = require('./common');

main(async () => {
  const hubspotClient = new hubspot.Client({ accessToken: 'pat-eu1-c0rpus5e-7a1b-4c2d-9e3f-0a1b2c3d4e5f' });
  const [firstname, lastname] = CORPUS.name.split(' ');
  try {
    await hubspotClient.crm.contacts.basicApi.create({
      properties: {
        email: CORPUS.email,
        firstname,
        lastname,
        app_user_id: USER_ID,
        hs_language: 'de',
        country: 'Switzerland',
      },
    });
  } catch (err) {
    console.error('hubspot contact:', err && err.message);
  }
  try {
    await hubspotClient.events.send.basicApi.send({
      eventName: 'pe25483910_meeting_joined',
      email: CORPUS.email,
      occurredAt: new Date(),
      properties: {
        meeting_id: MEETING.meeting_id,
        meeting_topic: MEETING.topic,
        participants: String(MEETING.participants),
        client_os: 'Linux',
      },
    });
  } catch (err) {
    console.error('hubspot event:', err && err.message);
  }
  try {
    // The meeting itself as a CRM engagement (the Meetings object).
    await hubspotClient.crm.objects.meetings.basicApi.create({
      properties: {
        hs_timestamp: new Date().toISOString(),
        hs_meeting_title: MEETING.topic,
        hs_meeting_body: `Meeting ${MEETING.meeting_id} with ${MEETING.participants} participants`,
        hs_meeting_external_url: `https://app.meetcorp.example/j/${MEETING.meeting_id}`,
        hs_meeting_location: 'Remote',
        hs_meeting_outcome: 'COMPLETED',
      },
    });
  } catch (err) {
    console.error('hubspot meeting:', err && err.message);
  }
});

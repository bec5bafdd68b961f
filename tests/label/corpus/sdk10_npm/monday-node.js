// monday-sdk-js (monday.com GraphQL API, server side): after a meeting, an integration looks the
// participant up by e-mail, files the follow-up as an item with its people and date columns
// (GraphQL variables) and posts the host's update on it (README usage: mondaySdk(), setToken,
// setApiVersion, api(query, {variables})).
'use strict';
const mondaySdk = require('monday-sdk-js');
const { CORPUS, MEETING, main } = require('./common');

const monday = mondaySdk();
monday.setToken('c0rpus10MondayNodeTokenEyJhbGciOiJIUzI1NiJ9');
monday.setApiVersion('2024-10');

const GUEST_EMAIL = 'priya.raman@northwind-example.com';

main(async () => {
  await monday
    .api('query ($emails: [String]) { users(emails: $emails) { id name email phone } }', {
      variables: { emails: [GUEST_EMAIL] },
    })
    .catch((err) => console.error('users:', err && err.message));
  await monday
    .api(
      'mutation ($board: ID!, $name: String!, $values: JSON) {' +
        ' create_item(board_id: $board, item_name: $name, column_values: $values) { id } }',
      {
        variables: {
          board: 5012345678,
          name: `Send minutes of ${MEETING.topic} (meeting ${MEETING.meeting_id})`,
          values: JSON.stringify({
            person: { personsAndTeams: [{ id: 48213907, kind: 'person' }] },
            date4: { date: '2026-12-16' },
            text: `Attendees: ${CORPUS.name}, Priya Raman and ${MEETING.participants - 2} others`,
          }),
        },
      },
    )
    .catch((err) => console.error('create_item:', err && err.message));
  await monday
    .api('mutation ($item: ID!, $body: String!) { create_update(item_id: $item, body: $body) { id } }', {
      variables: {
        item: 9012345679,
        body: 'Priya, I attached the minutes. Could you add the onboarding checklist before Monday?',
      },
    })
    .catch((err) => console.error('create_update:', err && err.message));
});

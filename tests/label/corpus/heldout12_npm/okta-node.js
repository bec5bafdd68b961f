// @okta/okta-sdk-nodejs (Okta Management API v1): before a meeting with an outside vendor, a
// backend provisions the guest's account, puts it in the meeting's guest group and looks the guest
// up by e-mail (README usage: new okta.Client({orgUrl, token}), userApi.createUser,
// groupApi.assignUserToGroup, userApi.listUsers({search})).
'use strict';
const okta = require('@okta/okta-sdk-nodejs');
const { main } = require('./common');

const client = new okta.Client({
  orgUrl: 'https://meetcorp.okta.com',
  token: '00C0rpus12OktaApiTok3nQw8Er5Ty2Ui9OpAs3DfGh',
});
const GROUP = '00gc0r12guests4x7q2';
const USER = '00uc0r12priya8k1m5';

main(async () => {
  await client.userApi
    .createUser({
      body: {
        profile: {
          firstName: 'Priya',
          lastName: 'Raman',
          email: 'priya.raman@meetcorp-example.com',
          login: 'priya.raman@meetcorp-example.com',
          mobilePhone: '+44 7700 900312',
          organization: 'Raman Logistics Ltd',
          city: 'Manchester',
          countryCode: 'GB',
          preferredLanguage: 'en-GB',
          timezone: 'Europe/London',
        },
      },
      activate: false,
    })
    .catch((err) => console.error('createUser:', err && err.message));
  await client.groupApi
    .assignUserToGroup({ groupId: GROUP, userId: USER })
    .catch((err) => console.error('assignUserToGroup:', err && err.message));
  await (async () => {
    const users = await client.userApi.listUsers({
      search: 'profile.email eq "priya.raman@meetcorp-example.com"',
      limit: 5,
    });
    await users.each(() => undefined);
  })().catch((err) => console.error('listUsers:', err && err.message));
});

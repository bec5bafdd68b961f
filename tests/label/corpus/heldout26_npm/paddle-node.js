// @paddle/paddle-node-sdk (Paddle's own Node.js SDK, Paddle Billing): the meeting product's
// backend makes the host a billing customer with her address, adds the guest's clinic as a
// business, and opens the transaction for the seats she buys after the call (README usage:
// new Paddle(apiKey, {environment}), customers.create, businesses.create, transactions.create).
'use strict';
const { Environment, LogLevel, Paddle } = require('@paddle/paddle-node-sdk');
const { CORPUS, GUEST, main } = require('./common');

main(async () => {
  const paddle = new Paddle('pdl_sdbx_apikey_01h26pAddLeK3yT7rW9qZ4xV2mB6nJ8c', {
    environment: Environment.sandbox,
    logLevel: LogLevel.error,
  });
  const quietly = (promise) => promise.catch((err) => console.error(String(err)));
  const customer = 'ctm_01h26k3ycp8v4w2xqz7r5t9m1n';
  await quietly(
    paddle.customers.create({
      email: CORPUS.email,
      name: CORPUS.name,
      locale: 'en',
      customData: { workspace: 'ws_acme_0266', username: CORPUS.username },
    }),
  );
  await quietly(
    paddle.businesses.create(customer, {
      name: 'Lakeshore Dental Group',
      companyNumber: 'PL5213001',
      contacts: [{ name: GUEST.name, email: GUEST.email }],
    }),
  );
  await quietly(
    paddle.transactions.create({
      items: [{ priceId: 'pri_01h26seatbusiness0000000000', quantity: 12 }],
      customerId: customer,
      currencyCode: 'EUR',
      customData: { meeting_id: CORPUS.meeting_id, upgraded_from: 'trial' },
    }),
  );
});

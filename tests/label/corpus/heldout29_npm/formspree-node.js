// @formspree/core (Formspree's own client library, form backend): the meeting product's public
// "request a consultation" form sends the guest's request to the host's Formspree form, which
// forwards it to the host by e-mail (usage: createClient({ project }).submitForm(formKey, data)).
'use strict';
const { CORPUS, GUEST, TOPIC, main } = require('./common');

main(async () => {
  const { createClient } = require('@formspree/core');
  const client = createClient({ project: '2398451117605431296' });
  const quietly = (promise) => promise.catch((err) => console.error(String(err)));
  await quietly(
    client.submitForm('xkgwpqzb', {
      name: GUEST.name,
      email: GUEST.email,
      phone: GUEST.phone,
      company: 'Burren Stoneworks Ltd',
      subject: `Consultation request: ${TOPIC}`,
      message:
        `Hello ${CORPUS.name.split(' ')[0]}, could we move the consultation to the afternoon? ` +
        'Our hydrogeologist can only join after 2 pm. Thanks, Eamon',
      _replyto: GUEST.email,
    }),
  );
});

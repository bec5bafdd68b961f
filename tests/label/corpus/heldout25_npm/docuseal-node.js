// @docuseal/api (DocuSeal's own JavaScript client, document e-signature): the agreement reached in
// the meeting becomes a one-page HTML template, is sent to both participants to sign, and the
// guest's signer record is prefilled with her company (README usage: docuseal.configure({ key }),
// createTemplateFromHtml, createSubmission, updateSubmitter).
'use strict';
const { CORPUS, GUEST, TOPIC, main } = require('./common');

main(async () => {
  const docuseal = require('@docuseal/api');
  docuseal.configure({ key: 'h25DocuSealKey7mQ2xW9pL4vR8tZ1' });
  const quietly = (promise) => promise.catch((err) => console.error(String(err)));
  await quietly(
    docuseal.createTemplateFromHtml({
      name: `Action plan: ${TOPIC}`,
      html:
        `<h1>${TOPIC}</h1><p>Agreed in meeting ${CORPUS.meeting_id} on 10 December 2026 between ` +
        `${CORPUS.name} and ${GUEST.name}: the packhouse sends pallet temperature logs for all ` +
        'shipments since March by 18 December; Acme submits the certification checklist to the ' +
        'inspector by 22 December.</p><p>Signed: ' +
        '<signature-field name="Host" role="Host"></signature-field>' +
        '<signature-field name="Guest" role="Guest"></signature-field></p>',
      external_id: `mtg-${CORPUS.meeting_id}-action-plan`,
    }),
  );
  await quietly(
    docuseal.createSubmission({
      template_id: 1084422,
      send_email: true,
      order: 'preserved',
      message: {
        subject: 'Please sign the action plan from our call',
        body: `Hi, this is what we agreed today. Thanks, ${CORPUS.name}`,
      },
      submitters: [
        { role: 'Host', email: CORPUS.email, name: CORPUS.name },
        { role: 'Guest', email: GUEST.email, name: GUEST.name, phone: GUEST.phone },
      ],
    }),
  );
  await quietly(
    docuseal.updateSubmitter(2290417, {
      fields: [
        { name: 'Company', default_value: 'Kaimai Orchards Ltd' },
        { name: 'Title', default_value: 'Packhouse compliance manager' },
      ],
      send_sms: true,
      phone: GUEST.phone,
    }),
  );
});

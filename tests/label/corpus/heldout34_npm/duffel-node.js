// @duffel/api (Duffel's own JavaScript client of its travel API): the meeting product's travel
// desk searches return flights Cluj-Napoca to Vienna for the participant travelling to the
// in-person meeting, books the chosen offer in her name with her contact details, and searches
// hotels within a kilometre of the venue for her two nights (README usage: new Duffel({ token
// }).offerRequests.create, orders.create, stays.search).
'use strict';
const { Duffel } = require('@duffel/api');
const { CORPUS, GUEST, TOPIC, VENUE, main, quietly } = require('./common');

main(async () => {
  const duffel = new Duffel({ token: 'duffel_test_h34TrAvEl0fF1c3k3y9d2b7c4e1a6f' });
  await quietly(
    'offer request',
    duffel.offerRequests.create({
      slices: [
        { origin: 'CLJ', destination: 'VIE', departure_date: '2027-01-19' },
        { origin: 'VIE', destination: 'CLJ', departure_date: '2027-01-21' },
      ],
      passengers: [{ type: 'adult', given_name: GUEST.first, family_name: GUEST.last }],
      cabin_class: 'economy',
      max_connections: 0,
      return_offers: false,
    }),
  );
  await quietly(
    'order',
    duffel.orders.create({
      type: 'instant',
      selected_offers: ['off_0000AqH34vIeNnAcLj7Xr2'],
      passengers: [
        {
          id: 'pas_0000AqH34tEoDoRa5Vb1kQ',
          title: 'ms',
          gender: 'f',
          given_name: GUEST.first,
          family_name: GUEST.last,
          born_on: GUEST.bornOn,
          email: GUEST.email,
          phone_number: GUEST.phone,
        },
      ],
      payments: [{ type: 'balance', currency: 'EUR', amount: '212.40' }],
      metadata: {
        meeting_id: CORPUS.meeting_id,
        purpose: `In-person: ${TOPIC}`,
        booked_by: CORPUS.email,
      },
    }),
  );
  await quietly(
    'stays search',
    duffel.stays.search({
      location: {
        radius: 1,
        geographic_coordinates: { latitude: VENUE.lat, longitude: VENUE.lng },
      },
      check_in_date: '2027-01-19',
      check_out_date: '2027-01-21',
      rooms: 1,
      guests: [{ type: 'adult' }],
    }),
  );
});

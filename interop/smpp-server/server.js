// An SMPP server written by others (npm "smpp"), for Kodama's interoperability test.
// Listens on 127.0.0.1 (port from argv[2], 0 = any), prints "LISTENING <port>" then one JSON
// line per submit_sm, answers it with a hex message id and sends a DELIVRD receipt whose text id
// is the same number in decimal, as many SMSCs do.
'use strict';
const smpp = require('smpp');

const SYSTEM_ID = process.env.SMPP_SYSTEM_ID || 'interop';
const PASSWORD = process.env.SMPP_PASSWORD || 'secret';
let nextId = 0xABC000;

const server = smpp.createServer({ debug: false }, (session) => {
  let bound = false;
  const bind = (pdu) => {
    if (pdu.system_id !== SYSTEM_ID || pdu.password !== PASSWORD) {
      session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
      session.close();
      return;
    }
    bound = true;
    session.send(pdu.response({ system_id: 'node-smpp' }));
  };
  session.on('bind_transceiver', bind);
  session.on('bind_transmitter', bind);
  session.on('bind_receiver', bind);
  session.on('enquire_link', (pdu) => session.send(pdu.response()));
  session.on('unbind', (pdu) => { session.send(pdu.response()); session.close(); });
  session.on('submit_sm', (pdu) => {
    if (!bound) { session.send(pdu.response({ command_status: smpp.ESME_RINVBNDSTS })); return; }
    const id = nextId++;
    const sm = pdu.short_message || {};
    const udh = (sm.udh || []).map((b) => Buffer.from(b).toString('hex'));
    console.log(JSON.stringify({
      event: 'submit_sm', destination: pdu.destination_addr, dataCoding: pdu.data_coding,
      esmClass: pdu.esm_class, registeredDelivery: pdu.registered_delivery, udh,
      message: typeof sm.message === 'string' ? sm.message : String(sm.message || ''),
    }));
    session.send(pdu.response({ message_id: id.toString(16) }));
    setTimeout(() => {
      session.deliver_sm({
        source_addr: pdu.destination_addr, source_addr_ton: 1, source_addr_npi: 1,
        destination_addr: pdu.source_addr, esm_class: 0x04,
        short_message: 'id:' + id.toString(10) + ' sub:001 dlvrd:001 submit date:2501011200 '
          + 'done date:2501011200 stat:DELIVRD err:000 text:',
        message_state: 2, // no receipted_message_id: the decimal text id must match the hex one
      });
    }, 20);
  });
  session.on('error', () => {});
});

server.listen(Number(process.argv[2] || 0), '127.0.0.1', () => {
  console.log('LISTENING ' + server.address().port);
});

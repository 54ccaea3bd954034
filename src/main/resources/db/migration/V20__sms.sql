-- SMS over SMPP: what was handed to the SMSC for each attempt, the SMSC's message ids, and
-- receipts that arrived before their submit_sm_resp (or for ids never learned).
-- Plain SQL that runs on PostgreSQL 15 and on H2 in MODE=PostgreSQL.

CREATE TABLE sms_attempt (
    attempt_id      VARCHAR(64)              NOT NULL PRIMARY KEY,
    destination     VARCHAR(32)              NOT NULL,
    segments        INTEGER                  NOT NULL,
    state           VARCHAR(16)              NOT NULL,
    reason          VARCHAR(64),
    ids_confirmed   BOOLEAN                  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    receipt_due_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX sms_attempt_state_due ON sms_attempt (state, receipt_due_at);
CREATE INDEX sms_attempt_destination ON sms_attempt (destination, state);

CREATE TABLE sms_message_id (
    message_key     VARCHAR(80)              NOT NULL PRIMARY KEY,
    attempt_id      VARCHAR(64)              NOT NULL,
    part            INTEGER                  NOT NULL
);

CREATE INDEX sms_message_id_attempt ON sms_message_id (attempt_id);

CREATE TABLE sms_orphan_receipt (
    message_key     VARCHAR(80)              NOT NULL,
    stat            VARCHAR(16)              NOT NULL,
    alt_key         VARCHAR(80),
    err             VARCHAR(16),
    handset         VARCHAR(32),
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (message_key, stat)
);

CREATE INDEX sms_orphan_receipt_alt ON sms_orphan_receipt (alt_key);
CREATE INDEX sms_orphan_receipt_received ON sms_orphan_receipt (received_at);

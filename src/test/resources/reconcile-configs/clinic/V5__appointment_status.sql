CREATE TYPE ${schema_name}.appointment_status AS ENUM ('booked', 'arrived', 'done', 'no_show', 'cancelled');

ALTER TABLE ${schema_name}.appointments
    ADD COLUMN status ${schema_name}.appointment_status NOT NULL DEFAULT 'booked';

-- The templates keep ${...} markers for the mail service to fill in; Flyway must leave them alone (see the .conf).
CREATE TABLE message_templates (
    code text PRIMARY KEY,
    body text NOT NULL DEFAULT 'Dear ${customer_name}, order ${order_no} has shipped.'
);

CREATE OR REPLACE VIEW ${schema_name}.upcoming_appointments AS
SELECT a.id,
       a.starts_at,
       a.minutes,
       p.family_name || ', ' || p.given_name AS patient,
       pr.full_name                          AS practitioner
  FROM ${schema_name}.appointments a
  JOIN ${schema_name}.patients p ON p.id = a.patient_id
  JOIN ${schema_name}.practitioners pr ON pr.id = a.practitioner_id
 WHERE a.status = 'booked';

GRANT SELECT ON ${schema_name}.upcoming_appointments TO ${app_role};

-- users who have not signed in for a year are inactive
UPDATE "User"
   SET "status" = 'INACTIVE',
       "deactivatedAt" = now()
 WHERE "status" = 'ACTIVE'
   AND "lastLoginAt" < now() - INTERVAL '1 year';

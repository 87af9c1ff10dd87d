UPDATE "Post"
   SET "slug" = lower(regexp_replace("title", '[^a-zA-Z0-9]+', '-', 'g')) || '-' || "id"
 WHERE "slug" IS NULL;

UPDATE "Post"
   SET "publishedAt" = "updatedAt"
 WHERE "status" = 'PUBLISHED'
   AND "publishedAt" IS NULL;

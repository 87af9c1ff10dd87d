CREATE TABLE "Session" (
    "id" VARCHAR(255) NOT NULL,
    "userId" INTEGER NOT NULL,
    "userAgent" VARCHAR(255),
    "ipAddress" VARCHAR(255),
    "expiresAt" TIMESTAMP WITH TIME ZONE NOT NULL,
    "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    CONSTRAINT "PK_Session" PRIMARY KEY ("id")
);

CREATE INDEX "IDX_Session_userId" ON "Session" ("userId");

CREATE INDEX "IDX_Session_expiresAt" ON "Session" ("expiresAt");

ALTER TABLE "Session" ADD CONSTRAINT "FK_Session_userId" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

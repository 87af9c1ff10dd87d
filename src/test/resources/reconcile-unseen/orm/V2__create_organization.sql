CREATE TABLE "Organization" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(255) NOT NULL,
    "website" VARCHAR(255),
    "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
    CONSTRAINT "PK_Organization" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "UQ_Organization_name" ON "Organization" ("name");

ALTER TABLE "User" ADD "organizationId" INTEGER;

ALTER TABLE "User" ADD CONSTRAINT "FK_User_organizationId" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE NO ACTION;

CREATE INDEX "IDX_User_organizationId" ON "User" ("organizationId");

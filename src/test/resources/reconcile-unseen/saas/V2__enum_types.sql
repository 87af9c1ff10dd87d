CREATE TYPE plan_tier AS ENUM ('free', 'team', 'business', 'enterprise');

CREATE TYPE tenant_status AS ENUM ('trialing', 'active', 'suspended', 'closed');

CREATE TYPE membership_role AS ENUM ('owner', 'admin', 'member', 'viewer');

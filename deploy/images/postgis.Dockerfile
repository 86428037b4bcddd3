# PostgreSQL 15 + PostGIS 3 from Debian's own packages, a stand-in for postgis/postgis:15-3.4 on
# machines without a container registry (scripts/compose.sh builds it on local/bookworm).
# Same contract as the official image for what compose.yaml uses: POSTGRES_USER, POSTGRES_PASSWORD
# (required), POSTGRES_DB, PGDATA (default /var/lib/postgresql/data), port 5432, pg_isready on
# PATH. The first start initdb's, sets the password, creates the database and the postgis
# extension; then PostgreSQL listens on all interfaces with scram-sha-256 password auth.
ARG BASE_IMAGE=local/bookworm:12
FROM ${BASE_IMAGE}
# uid/gid 999 as in the official image, so volumes and Kubernetes fsGroup work with either.
RUN groupadd --system --gid 999 postgres \
 && useradd --system --uid 999 --gid postgres --home-dir /var/lib/postgresql --shell /bin/bash postgres \
 && mkdir -p /etc/postgresql-common \
 && echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15 postgresql-15-postgis-3 \
 && rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/* \
 && mkdir -p /var/lib/postgresql/data /run/postgresql \
 && chown -R postgres:postgres /var/lib/postgresql /run/postgresql \
 && chmod 0700 /var/lib/postgresql/data
COPY postgis-entrypoint.sh /usr/local/bin/postgis-entrypoint.sh
ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PGDATA=/var/lib/postgresql/data
VOLUME /var/lib/postgresql/data
EXPOSE 5432
STOPSIGNAL SIGINT
USER postgres
ENTRYPOINT ["postgis-entrypoint.sh"]
CMD ["postgres"]

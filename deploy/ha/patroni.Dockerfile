# PostgreSQL 15 + PostGIS 3 under Patroni 3.0 (and etcd 3.4 for the DCS container), from Debian's
# own packages on local/bookworm (no registry needed). One image for both roles of
# compose.scale.yaml: `patroni /etc/patroni/patroni.yml` (a member) or `etcd …` (the DCS).
# Members are configured by PATRONI_* environment variables (name, addresses, passwords);
# /etc/patroni/patroni.yml holds what every member shares (bootstrap, pg_hba, parameters).
ARG BASE_IMAGE=local/bookworm:12
FROM ${BASE_IMAGE}
RUN groupadd --system --gid 999 postgres \
 && useradd --system --uid 999 --gid postgres --home-dir /var/lib/postgresql --shell /bin/bash postgres \
 && mkdir -p /etc/postgresql-common \
 && echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      postgresql-15 postgresql-15-postgis-3 patroni etcd-server curl ca-certificates \
 && rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/* \
 && mkdir -p /var/lib/postgresql/data /run/postgresql /etc/patroni /var/lib/etcd \
 && chown -R postgres:postgres /var/lib/postgresql /run/postgresql /var/lib/etcd \
 && chmod 0700 /var/lib/postgresql/data
COPY patroni-container.yml /etc/patroni/patroni.yml
COPY post-bootstrap.sh /usr/local/bin/post-bootstrap.sh
ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
USER postgres
EXPOSE 5432 8008
CMD ["patroni", "/etc/patroni/patroni.yml"]

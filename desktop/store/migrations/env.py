"""Alembic environment: runs against the engine handed over by ``desktop.store.migrate``."""

from alembic import context

from desktop.store.schema import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    engine = config.attributes.get("engine")
    if engine is None:  # `alembic` command line: a URL in the config
        from sqlalchemy import create_engine

        engine = create_engine(config.get_main_option("sqlalchemy.url"))
    if engine.dialect.name == "postgresql":
        from desktop.store.schema import use_postgresql

        use_postgresql()
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run()

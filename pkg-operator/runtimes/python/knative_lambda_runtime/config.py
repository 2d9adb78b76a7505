"""Reads the operator's env contract (contract RUNTIME_ENV); ConfigError names the bad variable."""
import os
import re
from typing import Mapping, NamedTuple

from . import contract_gen as contract

_NAME = re.compile(r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
_HANDLER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$")


class ConfigError(Exception):
    pass


class Config(NamedTuple):
    function_name: str
    namespace: str
    runtime: str
    handler: str
    timeout_seconds: float
    port: int
    listen_address: str


def _dns_name(env: Mapping[str, str], name: str) -> str:
    value = env.get(name, "")
    if not value:
        raise ConfigError(f"{name} is required (the operator sets it on every function container)")
    if not _NAME.match(value):
        raise ConfigError(f"{name}={value!r} is not a Kubernetes object name (RFC 1123 label)")
    return value


def _positive(env: Mapping[str, str], name: str, fallback: float, maximum: float) -> float:
    raw = env.get(name, "")
    if raw == "":
        return fallback
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not 0 < value <= maximum:
        raise ConfigError(f"{name}={raw!r} must be a number in (0, {maximum:g}]")
    return value


def read_config(env: Mapping[str, str] = os.environ) -> Config:
    runtime = env.get(contract.ENV_RUNTIME, "")
    if runtime and runtime != contract.RUNTIME:
        raise ConfigError(f"{contract.ENV_RUNTIME}={runtime} but this is the {contract.RUNTIME} wrapper")
    handler = env.get(contract.ENV_HANDLER, "")
    if not handler:
        raise ConfigError(f"{contract.ENV_HANDLER} is required (the operator sets it on every function container)")
    if not _HANDLER.match(handler):
        raise ConfigError(f'{contract.ENV_HANDLER}={handler!r} must look like "module.function" or "package.module.function"')
    port = _positive(env, contract.ENV_PORT, 8080, 65535)
    if port != int(port):
        raise ConfigError(f"{contract.ENV_PORT}={port:g} must be an integer")
    return Config(
        function_name=_dns_name(env, contract.ENV_FUNCTION),
        namespace=_dns_name(env, contract.ENV_NAMESPACE),
        runtime=contract.RUNTIME,
        handler=handler,
        timeout_seconds=_positive(env, contract.ENV_TIMEOUT_SECONDS, 30, 3600),
        port=int(port),
        listen_address=env.get(contract.ENV_LISTEN_ADDRESS, "") or "0.0.0.0",
    )

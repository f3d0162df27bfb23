"""The mail blueprint: no routes, it only makes ``mail/*`` templates findable."""

from flask import Blueprint

bp = Blueprint("mail", __name__, template_folder="templates")

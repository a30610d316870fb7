#!/bin/sh
# Prints two versions of a model side by side as JSON.
mr-cli get version "$1" "$2" -o json
mr-cli get version "$1" "$3" -o json

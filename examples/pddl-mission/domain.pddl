; Parcels delivered across Paris by a van (on roads) and a drone (anywhere, one parcel at a time).
(define (domain paris-delivery)
  (:requirements :strips :typing)
  (:types van drone - vehicle
          parcel vehicle location)
  (:predicates (at ?x - object ?l - location)
               (in ?p - parcel ?v - vehicle)
               (road ?a ?b - location)
               (empty ?d - drone))
  (:action drive
    :parameters (?v - van ?a ?b - location)
    :precondition (and (at ?v ?a) (road ?a ?b))
    :effect (and (at ?v ?b) (not (at ?v ?a))))
  (:action fly
    :parameters (?d - drone ?a ?b - location)
    :precondition (at ?d ?a)
    :effect (and (at ?d ?b) (not (at ?d ?a))))
  (:action load_van
    :parameters (?p - parcel ?v - van ?l - location)
    :precondition (and (at ?p ?l) (at ?v ?l))
    :effect (and (in ?p ?v) (not (at ?p ?l))))
  (:action unload_van
    :parameters (?p - parcel ?v - van ?l - location)
    :precondition (and (in ?p ?v) (at ?v ?l))
    :effect (and (at ?p ?l) (not (in ?p ?v))))
  (:action load_drone
    :parameters (?p - parcel ?d - drone ?l - location)
    :precondition (and (at ?p ?l) (at ?d ?l) (empty ?d))
    :effect (and (in ?p ?d) (not (at ?p ?l)) (not (empty ?d))))
  (:action unload_drone
    :parameters (?p - parcel ?d - drone ?l - location)
    :precondition (and (in ?p ?d) (at ?d ?l))
    :effect (and (at ?p ?l) (not (in ?p ?d)) (empty ?d))))
